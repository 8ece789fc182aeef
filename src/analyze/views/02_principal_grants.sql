-- principal_grants: every grant node (a grant as given, or a nested subGroups override) of every
-- user and API client. A client with cloneAuthorizedUserGroups carries its first authorized
-- user's grants instead of its own (via_user names that user).
CREATE OR REPLACE VIEW principal_grants AS
SELECT snapshot_id, 'user' AS principal_type, ui_identity_id AS principal_id, grant_id, parent_grant_id, nesting_depth,
       group_id, role_id, role_name, is_blocked, NULL::VARCHAR AS via_user
FROM user_grants
UNION ALL
SELECT g.snapshot_id, 'api_client', g.client_id, g.grant_id, g.parent_grant_id, g.nesting_depth,
       g.group_id, g.role_id, g.role_name, g.is_blocked, NULL
FROM api_client_groups g
JOIN api_clients c ON c.snapshot_id = g.snapshot_id AND c.client_id = g.client_id
WHERE NOT coalesce(c.clone_authorized_user_groups, false)
UNION ALL
SELECT c.snapshot_id, 'api_client', c.client_id, ug.grant_id, ug.parent_grant_id, ug.nesting_depth,
       ug.group_id, ug.role_id, ug.role_name, ug.is_blocked, u.ui_user_name
FROM api_clients c
JOIN users u ON u.snapshot_id = c.snapshot_id AND u.ui_user_name = c.authorized_users[1]
JOIN user_grants ug ON ug.snapshot_id = u.snapshot_id AND ug.ui_identity_id = u.ui_identity_id
WHERE c.clone_authorized_user_groups;
