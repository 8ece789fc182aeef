-- id: user_inactive
-- title: User has not logged in for longer than the inactivity threshold
-- severity: medium
-- resource_type: user
-- rationale: Accounts nobody uses are the ones nobody notices being used: leavers, project
--   accounts, people who changed roles. PCI DSS asks for them to be disabled after 90 days.
-- remediation: Confirm with the user's manager; lock (POST …/ui-identities/{uiIdentityId}/lock) or
--   delete the user in Control Center > Identity & Access > Users.
-- references: https://techdocs.akamai.com/iam-api/reference/get-ui-identities
-- frameworks: soc2:CC6.2, iso27001:5.18, pci-dss-4.0:8.2.6, nist-800-53:AC-2
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('last login {}, {} days ago; threshold {}', strftime(last_login_date, '%Y-%m-%d'),
              date_diff('day', last_login_date, $as_of::TIMESTAMPTZ), $inactive_days::INTEGER) AS reason,
       email, last_login_date
FROM users
WHERE snapshot_id = $snapshot_id
  AND NOT is_locked
  AND last_login_date IS NOT NULL
  AND date_diff('day', last_login_date, $as_of::TIMESTAMPTZ) > $inactive_days;
