-- privileged_grants: every non-blocked grant node of a user or API client whose role is
-- privileged (privileged_roles is filled by `analyze` from the configured definition), with the
-- depth of the group it is on (NULL = account level).
CREATE OR REPLACE VIEW privileged_grants AS
SELECT pg.snapshot_id, pg.principal_type, pg.principal_id, pg.group_id, g.group_name, g.depth AS group_depth,
       pg.role_id, pr.role_name, pr.matched_by, pg.via_user
FROM principal_grants pg
JOIN privileged_roles pr ON pr.snapshot_id = pg.snapshot_id AND pr.role_id = pg.role_id
LEFT JOIN groups g ON g.snapshot_id = pg.snapshot_id AND g.group_id = pg.group_id
WHERE NOT pg.is_blocked;

-- privileged_users: one row per user holding a privileged role, with the roles named.
CREATE OR REPLACE VIEW privileged_users AS
SELECT snapshot_id, principal_id AS ui_identity_id, string_agg(DISTINCT role_name, ', ' ORDER BY role_name) AS roles
FROM privileged_grants
WHERE principal_type = 'user'
GROUP BY snapshot_id, principal_id;
