-- id: api_client_credential_stale
-- title: Active API credential older than the rotation threshold
-- severity: medium
-- resource_type: credential
-- rationale: API credentials are long-lived bearer secrets that sit in CI systems, laptops and
--   scripts. The longer one lives, the more copies exist; regular rotation bounds the damage of a
--   leak nobody noticed.
-- remediation: Create a new credential (POST /identity-management/v3/api-clients/{clientId}/credentials),
--   deploy it, then deactivate and delete the old one.
-- references: https://techdocs.akamai.com/iam/docs/manage-credentials
-- frameworks: soc2:CC6.1, iso27001:5.17, pci-dss-4.0:8.6.3, nist-800-53:IA-5
SELECT 'credential' AS resource_type, k.credential_id::VARCHAR AS resource_id,
       format('{} ({})', c.client_name, k.client_token) AS resource_name,
       format('ACTIVE credential of {} created {}, {} days ago; threshold {}', c.client_name, strftime(k.created_on, '%Y-%m-%d'),
              date_diff('day', k.created_on, $as_of::TIMESTAMPTZ), $credential_max_age_days::INTEGER) AS reason,
       k.client_id, c.client_name, k.created_on, k.expires_on
FROM credentials k
JOIN api_clients c ON c.snapshot_id = k.snapshot_id AND c.client_id = k.client_id
WHERE k.snapshot_id = $snapshot_id
  AND k.status = 'ACTIVE'
  AND date_diff('day', k.created_on, $as_of::TIMESTAMPTZ) > $credential_max_age_days;
