-- id: user_dormant_privileged
-- title: Holder of a privileged role who does not use it
-- severity: high
-- resource_type: user
-- rationale: Administrative access should belong to people who exercise it. A dormant
--   administrator is pure risk: the account keeps its power while nobody watches its use.
-- remediation: Remove the privileged role (Control Center > Identity & Access > Users > Roles)
--   and grant it again when needed, or lock the user.
-- references: https://techdocs.akamai.com/iam/docs/manage-users
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.4, nist-800-53:AC-6
SELECT 'user' AS resource_type, u.ui_identity_id AS resource_id, u.ui_user_name AS resource_name,
       CASE WHEN u.last_login_date IS NULL THEN format('holds {}; never logged in', p.roles)
            ELSE format('holds {}; last login {}, {} days ago; threshold {}', p.roles, strftime(u.last_login_date, '%Y-%m-%d'),
                        date_diff('day', u.last_login_date, $as_of::TIMESTAMPTZ), $privileged_inactive_days::INTEGER) END AS reason,
       u.email, p.roles, u.last_login_date
FROM users u JOIN privileged_users p ON p.snapshot_id = u.snapshot_id AND p.ui_identity_id = u.ui_identity_id
WHERE u.snapshot_id = $snapshot_id
  AND NOT u.is_locked
  AND (u.last_login_date IS NULL OR date_diff('day', u.last_login_date, $as_of::TIMESTAMPTZ) > $privileged_inactive_days);
