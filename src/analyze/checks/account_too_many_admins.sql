-- id: account_too_many_admins
-- title: Too many people hold privileged roles
-- severity: medium
-- resource_type: account
-- rationale: Every administrator is a target and a potential mistake. The fewer people can change
--   users, API clients and account settings, the smaller the attack surface and the easier the review.
-- remediation: Reduce privileged holders to the threshold: move grants to narrower roles or groups
--   (Control Center > Identity & Access > Users > Roles); keep a named list of administrators.
-- references: https://techdocs.akamai.com/iam/docs/manage-roles
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.2, nist-800-53:AC-6
WITH holders AS (
  SELECT DISTINCT p.principal_id
  FROM privileged_grants p
  JOIN users u ON u.snapshot_id = p.snapshot_id AND u.ui_identity_id = p.principal_id
  WHERE p.snapshot_id = $snapshot_id AND p.principal_type = 'user' AND NOT u.is_locked
)
SELECT 'account' AS resource_type, s.account_id AS resource_id, s.account_name AS resource_name,
       format('{} unlocked users hold privileged roles; threshold {}', (SELECT count(*) FROM holders), $max_admins::INTEGER) AS reason,
       (SELECT count(*) FROM holders)::INTEGER AS privileged_users
FROM snapshots s
WHERE s.snapshot_id = $snapshot_id
  AND (SELECT count(*) FROM holders) > $max_admins;
