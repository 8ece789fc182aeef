-- id: user_mfa_not_configured
-- title: User's second factor is required but not set up
-- severity: medium
-- resource_type: user
-- rationale: The account requires TFA or MFA for this user, but the user never finished enrolling
--   (additionalAuthenticationConfigured is false), so the factor is not yet protecting the account
--   and the first login can enrol an attacker's device.
-- remediation: Ask the user to complete enrolment at next login, or reset the factor from Control
--   Center > Identity & Access > Users > Reset MFA so that enrolment starts from a known state.
-- references: https://techdocs.akamai.com/iam/docs/set-up-mfa
-- frameworks: soc2:CC6.1, iso27001:8.5, pci-dss-4.0:8.4.2, nist-800-53:IA-2(1)
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('authentication method {} required but not configured{}', additional_authentication,
              CASE WHEN last_login_date IS NULL THEN '; never logged in' ELSE format('; last login {}', strftime(last_login_date, '%Y-%m-%d')) END) AS reason,
       email, additional_authentication
FROM users
WHERE snapshot_id = $snapshot_id
  AND additional_authentication IN ('TFA', 'MFA')
  AND NOT additional_authentication_configured
  AND NOT is_locked;
