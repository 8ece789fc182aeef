-- id: user_never_logged_in
-- title: User has never logged in
-- severity: low
-- resource_type: user
-- rationale: An account that was created but never used is either not needed or waiting to be
--   claimed by whoever reads the activation mail first. IAM v3 has no creation date, so the age of
--   the account is unknown; first_seen in the findings shows how long it has been seen unused.
-- remediation: Ask whether the user still needs access; delete the user if not, or resend the
--   activation mail (Control Center > Identity & Access > Users > Reset password).
-- references: https://techdocs.akamai.com/iam-api/reference/get-ui-identities
-- frameworks: soc2:CC6.2, iso27001:5.18, nist-800-53:AC-2
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('never logged in (no lastLoginDate); email {}', email) AS reason,
       email
FROM users
WHERE snapshot_id = $snapshot_id
  AND NOT is_locked
  AND last_login_date IS NULL;
