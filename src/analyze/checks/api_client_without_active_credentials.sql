-- id: api_client_without_active_credentials
-- title: API client with no active credential
-- severity: info
-- resource_type: api_client
-- rationale: A client without an active credential does nothing but still carries grants and API
--   access that someone could activate again; dead clients clutter every access review.
-- remediation: Delete the client if nobody needs it (DELETE /identity-management/v3/api-clients/{clientId}).
-- references: https://techdocs.akamai.com/iam/docs/manage-api-clients
-- frameworks: soc2:CC6.2, iso27001:5.18, nist-800-53:AC-2
SELECT 'api_client' AS resource_type, client_id AS resource_id, client_name AS resource_name,
       format('no ACTIVE credential; created {} by {}', strftime(created_date, '%Y-%m-%d'), coalesce(created_by, 'unknown')) AS reason
FROM api_clients
WHERE snapshot_id = $snapshot_id AND active_credential_count = 0 AND NOT is_caller;
