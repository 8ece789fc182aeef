-- id: role_unused
-- title: Custom role nobody holds
-- severity: low
-- resource_type: role
-- rationale: Unused custom roles accumulate permissions nobody reviews and get granted by mistake
--   later because their names look right. Akamai-defined (standard, account) roles are left out.
-- remediation: Delete the role (DELETE /identity-management/v3/user-admin/roles/{roleId}) or
--   document why it is kept.
-- references: https://techdocs.akamai.com/iam/docs/manage-roles
-- frameworks: soc2:CC6.3, iso27001:5.15, nist-800-53:AC-6
SELECT 'role' AS resource_type, r.role_id::VARCHAR AS resource_id, r.role_name AS resource_name,
       format('custom role created {} by {} is granted to no user and no API client', coalesce(strftime(r.created_date, '%Y-%m-%d'), 'on an unknown date'), coalesce(r.created_by, 'unknown')) AS reason
FROM roles r
WHERE r.snapshot_id = $snapshot_id
  AND r.role_type = 'custom'
  AND NOT EXISTS (SELECT 1 FROM user_grants g WHERE g.snapshot_id = r.snapshot_id AND g.role_id = r.role_id)
  AND NOT EXISTS (SELECT 1 FROM api_client_groups g WHERE g.snapshot_id = r.snapshot_id AND g.role_id = r.role_id);
