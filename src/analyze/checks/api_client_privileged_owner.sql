-- id: api_client_privileged_owner
-- title: API client owned by an administrator, or acting with admin power
-- severity: medium
-- resource_type: api_client
-- rationale: A client whose authorized user holds a privileged role can be given that user's admin
--   power (and does, with cloneAuthorizedUserGroups); a client granted a privileged role itself is
--   an administrator without a second factor. Either way its credential is as valuable as an admin
--   password.
-- remediation: Give automation its own service account with the narrowest role it needs; turn off
--   cloneAuthorizedUserGroups and grant explicit group roles (PUT /identity-management/v3/api-clients/{clientId}).
-- references: https://techdocs.akamai.com/iam/docs/create-an-api-client
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.5, nist-800-53:AC-6
WITH admins AS (
  SELECT DISTINCT u.ui_user_name FROM privileged_grants p
  JOIN users u ON u.snapshot_id = p.snapshot_id AND u.ui_identity_id = p.principal_id
  WHERE p.snapshot_id = $snapshot_id AND p.principal_type = 'user'
), client_admin AS (
  SELECT principal_id AS client_id, string_agg(DISTINCT role_name, ', ' ORDER BY role_name) AS roles, bool_or(via_user IS NOT NULL) AS cloned
  FROM privileged_grants WHERE snapshot_id = $snapshot_id AND principal_type = 'api_client'
  GROUP BY principal_id
), owner_admin AS (
  SELECT c.client_id, string_agg(a.ui_user_name, ', ' ORDER BY a.ui_user_name) AS owners
  FROM api_clients c, unnest(c.authorized_users) AS t(name) JOIN admins a ON a.ui_user_name = t.name
  WHERE c.snapshot_id = $snapshot_id GROUP BY c.client_id
)
SELECT 'api_client' AS resource_type, c.client_id AS resource_id, c.client_name AS resource_name,
       concat_ws('; ',
         CASE WHEN o.owners IS NOT NULL THEN format('authorized user {} holds a privileged role', o.owners) END,
         CASE WHEN ca.roles IS NOT NULL THEN format('client {} {}', CASE WHEN ca.cloned THEN 'inherits' ELSE 'holds' END, ca.roles) END) AS reason,
       c.clone_authorized_user_groups
FROM api_clients c
LEFT JOIN owner_admin o ON o.client_id = c.client_id
LEFT JOIN client_admin ca ON ca.client_id = c.client_id
WHERE c.snapshot_id = $snapshot_id AND NOT c.is_locked
  AND (o.owners IS NOT NULL OR ca.roles IS NOT NULL);
