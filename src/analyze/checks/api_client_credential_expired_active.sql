-- id: api_client_credential_expired_active
-- title: Expired API credential still marked ACTIVE
-- severity: high
-- resource_type: credential
-- rationale: A credential past its expiry but still ACTIVE means the rotation process failed:
--   either something still depends on a secret that should be dead, or the inventory is stale.
-- remediation: Deactivate it (POST /identity-management/v3/api-clients/{clientId}/credentials/{credentialId}/deactivate)
--   after checking that nothing uses it, then delete it.
-- references: https://techdocs.akamai.com/iam/docs/manage-credentials
-- frameworks: soc2:CC6.1, iso27001:5.17, pci-dss-4.0:8.6.3, nist-800-53:IA-5
SELECT 'credential' AS resource_type, k.credential_id::VARCHAR AS resource_id,
       format('{} ({})', c.client_name, k.client_token) AS resource_name,
       format('credential of {} expired {} ({} days ago) but its status is ACTIVE', c.client_name, strftime(k.expires_on, '%Y-%m-%d'),
              date_diff('day', k.expires_on, $as_of::TIMESTAMPTZ)) AS reason,
       k.client_id, c.client_name, k.expires_on
FROM credentials k
JOIN api_clients c ON c.snapshot_id = k.snapshot_id AND c.client_id = k.client_id
WHERE k.snapshot_id = $snapshot_id
  AND k.status = 'ACTIVE'
  AND k.expires_on < $as_of::TIMESTAMPTZ;
