-- id: api_client_multiple_active_credentials
-- title: API client with more than one active credential
-- severity: low
-- resource_type: api_client
-- rationale: Two active credentials are normal for the hours of a rotation, not for a quarter: the
--   old one was never retired and lives on wherever it was copied.
-- remediation: Find which credential is in use (Control Center shows the last use), then deactivate
--   and delete the others.
-- references: https://techdocs.akamai.com/iam/docs/manage-credentials
-- frameworks: soc2:CC6.1, pci-dss-4.0:8.6.3, nist-800-53:IA-5
SELECT 'api_client' AS resource_type, c.client_id AS resource_id, c.client_name AS resource_name,
       format('{} ACTIVE credentials: {}', count(*), string_agg(format('{} created {}', k.client_token, strftime(k.created_on, '%Y-%m-%d')), ', ' ORDER BY k.created_on)) AS reason,
       count(*)::INTEGER AS active_credentials
FROM api_clients c
JOIN credentials k ON k.snapshot_id = c.snapshot_id AND k.client_id = c.client_id AND k.status = 'ACTIVE'
WHERE c.snapshot_id = $snapshot_id
GROUP BY c.client_id, c.client_name
HAVING count(*) > 1;
