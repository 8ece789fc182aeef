-- id: role_custom_privileged
-- title: Custom role with privileged permissions
-- severity: medium
-- resource_type: role
-- rationale: Custom roles that bundle user administration, API client administration or all
--   privileges hand out admin power under a name that does not say so; they need the same scrutiny
--   as the Admin role itself.
-- remediation: Split the role so that the privileged granted roles sit in a role whose name says
--   it is administrative, or remove them (PUT /identity-management/v3/user-admin/roles/{roleId}).
-- references: https://techdocs.akamai.com/iam/docs/manage-roles
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.2, nist-800-53:AC-6
SELECT 'role' AS resource_type, r.role_id::VARCHAR AS resource_id, r.role_name AS resource_name,
       format('custom role is privileged ({}); {} holder(s)', p.matched_by,
              (SELECT count(DISTINCT g.ui_identity_id) FROM user_grants g WHERE g.snapshot_id = r.snapshot_id AND g.role_id = r.role_id)) AS reason
FROM roles r
JOIN privileged_roles p ON p.snapshot_id = r.snapshot_id AND p.role_id = r.role_id
WHERE r.snapshot_id = $snapshot_id AND r.role_type = 'custom';
