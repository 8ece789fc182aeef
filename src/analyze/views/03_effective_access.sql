-- effective_access: who can do what where. One row per (snapshot, principal, group) with the role
-- that applies there and the grant it comes from; account-level roles are one row with NULL group.
--
-- A grant on a group applies to the group and every descendant. Inside it, a nested subGroups
-- entry (another role, or isBlocked) governs its own subtree; in general the grant node on the
-- nearest ancestor (the group itself first) wins, and a blocked node means no access there.
-- Blocked properties are exceptions inside a group: counted in blocked_properties.
CREATE OR REPLACE VIEW effective_access AS
WITH reach AS (
  SELECT pg.*, c.group_id AS target_group_id, c.distance
  FROM principal_grants pg
  JOIN group_closure c ON c.snapshot_id = pg.snapshot_id AND c.ancestor_id = pg.group_id
  WHERE pg.group_id IS NOT NULL
),
governing AS (
  SELECT * FROM reach
  QUALIFY row_number() OVER (PARTITION BY snapshot_id, principal_type, principal_id, target_group_id
                             ORDER BY distance, nesting_depth DESC, role_id) = 1
),
blocked AS (
  SELECT snapshot_id, ui_identity_id, group_id, count(*) AS n FROM blocked_properties GROUP BY ALL
)
SELECT g.snapshot_id, g.principal_type, g.principal_id, g.target_group_id AS group_id, g.role_id, g.role_name,
       g.group_id AS granted_on_group_id, g.grant_id, g.distance > 0 AS inherited, g.nesting_depth > 0 AS from_override,
       g.via_user, coalesce(b.n, 0)::INTEGER AS blocked_properties
FROM governing g
LEFT JOIN blocked b ON g.principal_type = 'user' AND b.snapshot_id = g.snapshot_id
                   AND b.ui_identity_id = g.principal_id AND b.group_id = g.group_id
WHERE NOT g.is_blocked
UNION ALL
SELECT snapshot_id, principal_type, principal_id, NULL, role_id, role_name, NULL, grant_id, false, false, via_user, 0
FROM principal_grants
WHERE group_id IS NULL AND NOT is_blocked;
