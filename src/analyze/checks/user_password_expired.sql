-- id: user_password_expired
-- title: User's password has expired
-- severity: low
-- resource_type: user
-- rationale: An expired password that is never changed shows an account nobody uses, or a user
--   who cannot get in and may be sharing someone else's login.
-- remediation: Ask the user to reset the password, or remove the account if it is no longer needed.
-- references: https://techdocs.akamai.com/iam-api/reference/get-ui-identity
-- frameworks: soc2:CC6.1, pci-dss-4.0:8.3.9, nist-800-53:IA-5
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('password expired {}, {} days ago', strftime(password_expiry_date, '%Y-%m-%d'),
              date_diff('day', password_expiry_date, $as_of::TIMESTAMPTZ)) AS reason,
       email, password_expiry_date
FROM users
WHERE snapshot_id = $snapshot_id
  AND NOT is_locked
  AND password_expiry_date < $as_of::TIMESTAMPTZ;
