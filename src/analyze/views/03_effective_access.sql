-- effective_access: who can do what where. One row per (snapshot, principal, group) with the role
-- that applies there and the grant it comes from; account-level roles are one row with NULL group.
--
-- A grant on a group applies to the group and every descendant. Inside it, a nested subGroups
-- entry (another role, or isBlocked) governs its own subtree; in general the grant node on the
-- nearest ancestor (the group itself first) wins, and a blocked node means no access there.
-- Blocked properties are exceptions inside a group: counted in blocked_properties.
--
-- The logic is a table macro over any table of grant nodes shaped like principal_grants, so that
-- `diff` can compute the access of just the principals whose grants changed.
CREATE OR REPLACE MACRO effective_access_over(grant_nodes) AS TABLE
WITH nodes AS (
  SELECT * FROM query_table(grant_nodes) WHERE group_id IS NOT NULL
),
-- Most principals have no grant node inside another's subtree: their rows are a plain join of each
-- grant with its subtree. Only the others need the nearest-node ranking, which keeps the sort small.
overlapping AS (
  SELECT DISTINCT a.snapshot_id, a.principal_type, a.principal_id
  FROM nodes a
  JOIN group_closure c ON c.snapshot_id = a.snapshot_id AND c.group_id = a.group_id
  JOIN nodes b ON b.snapshot_id = a.snapshot_id AND b.principal_type = a.principal_type AND b.principal_id = a.principal_id
              AND b.group_id = c.ancestor_id AND b.grant_id <> a.grant_id
),
plain AS (
  SELECT n.*, c.group_id AS target_group_id, c.distance
  FROM nodes n
  JOIN group_closure c ON c.snapshot_id = n.snapshot_id AND c.ancestor_id = n.group_id
  WHERE NOT EXISTS (SELECT 1 FROM overlapping o WHERE o.snapshot_id = n.snapshot_id AND o.principal_type = n.principal_type AND o.principal_id = n.principal_id)
),
ranked AS (
  SELECT n.*, c.group_id AS target_group_id, c.distance
  FROM nodes n
  JOIN overlapping o ON o.snapshot_id = n.snapshot_id AND o.principal_type = n.principal_type AND o.principal_id = n.principal_id
  JOIN group_closure c ON c.snapshot_id = n.snapshot_id AND c.ancestor_id = n.group_id
  QUALIFY row_number() OVER (PARTITION BY n.snapshot_id, n.principal_type, n.principal_id, c.group_id
                             ORDER BY c.distance, n.nesting_depth DESC, n.role_id) = 1
),
governing AS (
  SELECT * FROM plain UNION ALL SELECT * FROM ranked
),
blocked AS (
  SELECT snapshot_id, 'user' AS principal_type, ui_identity_id AS principal_id, group_id, count(*) AS n FROM blocked_properties GROUP BY ALL
)
SELECT g.snapshot_id, g.principal_type, g.principal_id, g.target_group_id AS group_id, g.role_id, g.role_name,
       g.group_id AS granted_on_group_id, g.grant_id, g.distance > 0 AS inherited, g.nesting_depth > 0 AS from_override,
       g.via_user, coalesce(b.n, 0)::INTEGER AS blocked_properties
FROM governing g
LEFT JOIN blocked b ON b.snapshot_id = g.snapshot_id AND b.principal_type = g.principal_type
                   AND b.principal_id = g.principal_id AND b.group_id = g.group_id
WHERE NOT g.is_blocked
UNION ALL
SELECT snapshot_id, principal_type, principal_id, NULL, role_id, role_name, NULL, grant_id, false, false, via_user, 0
FROM query_table(grant_nodes)
WHERE group_id IS NULL AND NOT is_blocked;

CREATE OR REPLACE VIEW effective_access AS SELECT * FROM effective_access_over('principal_grants');
