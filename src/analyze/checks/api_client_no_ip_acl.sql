-- id: api_client_no_ip_acl
-- title: API client usable from any IP address
-- severity: medium
-- resource_type: api_client
-- rationale: Without an IP ACL a leaked credential works from anywhere on the internet. Clients
--   that run from CI or a datacenter should be restricted to those networks.
-- remediation: Enable the client's IP ACL with the egress ranges it runs from (Control Center >
--   Identity & Access > API clients > IP ACL, or PUT /identity-management/v3/api-clients/{clientId}).
-- references: https://techdocs.akamai.com/iam/docs/create-an-api-client
-- frameworks: soc2:CC6.6, iso27001:8.5, pci-dss-4.0:8.6.1, nist-800-53:AC-6
SELECT 'api_client' AS resource_type, client_id AS resource_id, client_name AS resource_name,
       format('IP ACL {} for a client with {} active credential(s)', CASE WHEN ip_acl_enabled IS NULL THEN 'unknown' ELSE 'disabled' END, active_credential_count) AS reason,
       client_type, array_to_string(authorized_users, ', ') AS authorized_users
FROM api_clients
WHERE snapshot_id = $snapshot_id
  AND NOT coalesce(ip_acl_enabled, false)
  AND NOT is_locked
  AND active_credential_count > 0;
