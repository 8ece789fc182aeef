-- id: api_client_all_apis_read_write
-- title: API client with read-write access to all APIs
-- severity: high
-- resource_type: api_client
-- rationale: allAccessibleApis gives a client every API service the account has, now and in the
--   future; with READ-WRITE access a single leaked credential can change anything. Clients should
--   name the few APIs they use, read-only where possible.
-- remediation: Edit the client's API access to list only the services it calls, at READ-ONLY where
--   it only reads (PUT /identity-management/v3/api-clients/{clientId}).
-- references: https://techdocs.akamai.com/iam/docs/create-an-api-client
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.2, nist-800-53:AC-6
SELECT 'api_client' AS resource_type, c.client_id AS resource_id, c.client_name AS resource_name,
       format('allAccessibleApis with READ-WRITE on {} of {} API(s)', count(*) FILTER (WHERE a.access_level = 'READ-WRITE'), count(a.api_id)) AS reason,
       c.client_type, array_to_string(c.authorized_users, ', ') AS authorized_users
FROM api_clients c
LEFT JOIN api_client_apis a ON a.snapshot_id = c.snapshot_id AND a.client_id = c.client_id
WHERE c.snapshot_id = $snapshot_id AND c.all_accessible_apis
GROUP BY c.client_id, c.client_name, c.client_type, c.authorized_users
HAVING count(*) FILTER (WHERE a.access_level = 'READ-WRITE') > 0;
