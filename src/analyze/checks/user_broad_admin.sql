-- id: user_broad_admin
-- title: Privileged role granted on a root group or account-wide
-- severity: high
-- resource_type: user
-- rationale: A privileged role on the root group reaches every group and property of the account;
--   an account-level admin role governs account settings. Least privilege means granting admin
--   power on the smallest subtree that needs it, to as few people as possible.
-- remediation: Move the grant down to the business-unit group the user administers (Control
--   Center > Identity & Access > Users > Roles), keeping root and account-level admin for a
--   named few break-glass administrators.
-- references: https://techdocs.akamai.com/iam/docs/manage-groups
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.2, nist-800-53:AC-6
SELECT 'user' AS resource_type, u.ui_identity_id AS resource_id, u.ui_user_name AS resource_name,
       format('holds {} {}', string_agg(DISTINCT p.role_name, ', ' ORDER BY p.role_name),
              CASE WHEN bool_or(p.group_id IS NULL) AND bool_or(p.group_depth = 0) THEN 'on a root group and account-wide'
                   WHEN bool_or(p.group_id IS NULL) THEN 'account-wide'
                   ELSE format('on root group {}', string_agg(DISTINCT p.group_name, ', ')) END) AS reason,
       u.email
FROM privileged_grants p
JOIN users u ON u.snapshot_id = p.snapshot_id AND u.ui_identity_id = p.principal_id
WHERE p.snapshot_id = $snapshot_id AND p.principal_type = 'user'
  AND (p.group_id IS NULL OR p.group_depth = 0)
GROUP BY u.ui_identity_id, u.ui_user_name, u.email;
