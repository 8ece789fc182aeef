-- id: user_locked_with_grants
-- title: Locked user still holds roles
-- severity: low
-- resource_type: user
-- rationale: Locking stops logins but keeps every grant: an unlock (by an admin, or automatically
--   after a temporary lockout) restores full access without any review. Leavers should be removed.
-- remediation: If the user has left, delete the user (DELETE /identity-management/v3/user-admin/ui-identities/{uiIdentityId});
--   otherwise review the roles before unlocking.
-- references: https://techdocs.akamai.com/iam/docs/manage-users
-- frameworks: soc2:CC6.2, iso27001:5.18, nist-800-53:AC-2
SELECT 'user' AS resource_type, u.ui_identity_id AS resource_id, u.ui_user_name AS resource_name,
       format('locked, but holds {} role grant(s): {}', count(*), string_agg(DISTINCT g.role_name, ', ' ORDER BY g.role_name)) AS reason,
       u.email
FROM users u
JOIN user_grants g ON g.snapshot_id = u.snapshot_id AND g.ui_identity_id = u.ui_identity_id AND NOT g.is_blocked
WHERE u.snapshot_id = $snapshot_id AND u.is_locked
GROUP BY u.ui_identity_id, u.ui_user_name, u.email;
