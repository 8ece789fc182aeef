-- group_closure: every (group, ancestor) pair of a snapshot's group tree, the group itself
-- included at distance 0. Used to apply a grant on a group to all of its descendants.
CREATE OR REPLACE VIEW group_closure AS
WITH RECURSIVE closure(snapshot_id, group_id, ancestor_id, distance) AS (
  SELECT snapshot_id, group_id, group_id, 0 FROM groups
  UNION ALL
  SELECT c.snapshot_id, c.group_id, g.parent_group_id, c.distance + 1
  FROM closure c
  JOIN groups g ON g.snapshot_id = c.snapshot_id AND g.group_id = c.ancestor_id
  WHERE g.parent_group_id IS NOT NULL
)
SELECT snapshot_id, group_id, ancestor_id, distance FROM closure;
