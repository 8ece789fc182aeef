-- id: api_client_credential_expiring
-- title: Active API credential expires soon
-- severity: low
-- resource_type: credential
-- rationale: When a credential expires, whatever uses it stops working; rotating ahead of time
--   avoids an outage and the temptation to extend an old secret.
-- remediation: Rotate now: create a new credential, deploy it, deactivate the old one. Akamai
--   also mails the addresses in the client's notificationEmails before expiry.
-- references: https://techdocs.akamai.com/iam/docs/manage-credentials
-- frameworks: soc2:CC6.1, pci-dss-4.0:8.6.3, nist-800-53:IA-5
SELECT 'credential' AS resource_type, k.credential_id::VARCHAR AS resource_id,
       format('{} ({})', c.client_name, k.client_token) AS resource_name,
       format('ACTIVE credential of {} expires {}, in {} days; warning window {}', c.client_name, strftime(k.expires_on, '%Y-%m-%d'),
              date_diff('day', $as_of::TIMESTAMPTZ, k.expires_on), $credential_expiry_warning_days::INTEGER) AS reason,
       k.client_id, c.client_name, k.expires_on, array_to_string(c.notification_emails, ', ') AS notification_emails
FROM credentials k
JOIN api_clients c ON c.snapshot_id = k.snapshot_id AND c.client_id = k.client_id
WHERE k.snapshot_id = $snapshot_id
  AND k.status = 'ACTIVE'
  AND k.expires_on >= $as_of::TIMESTAMPTZ
  AND date_diff('day', $as_of::TIMESTAMPTZ, k.expires_on) <= $credential_expiry_warning_days;
