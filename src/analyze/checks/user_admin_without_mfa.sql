-- id: user_admin_without_mfa
-- title: Holder of a privileged role without a working second factor
-- severity: critical
-- resource_type: user
-- rationale: An administrator's password is the most valuable credential in the account: it can
--   create users, API clients and change every configuration. Without a configured second factor
--   one phished password gives all of it away.
-- remediation: Enforce MFA for the user now (Control Center > Identity & Access > Users >
--   Authentication method) and check that enrolment is complete; until then consider locking the user.
-- references: https://techdocs.akamai.com/iam/docs/set-up-mfa
-- frameworks: soc2:CC6.1, iso27001:8.5, pci-dss-4.0:8.4.1, nist-800-53:IA-2(1)
SELECT 'user' AS resource_type, u.ui_identity_id AS resource_id, u.ui_user_name AS resource_name,
       format('holds {} with authentication {}{}', p.roles, u.additional_authentication,
              CASE WHEN u.additional_authentication <> 'NONE' THEN ' not configured' ELSE '' END) AS reason,
       u.email, p.roles
FROM users u JOIN privileged_users p ON p.snapshot_id = u.snapshot_id AND p.ui_identity_id = u.ui_identity_id
WHERE u.snapshot_id = $snapshot_id
  AND NOT u.is_locked
  AND (u.additional_authentication = 'NONE' OR NOT u.additional_authentication_configured);
