-- id: user_mfa_disabled
-- title: User signs in without multi-factor authentication
-- severity: high
-- resource_type: user
-- rationale: A password alone is phished, guessed or reused; Control Center access to CDN, DNS and
--   security configuration needs a second factor. additionalAuthentication NONE means the user signs
--   in with a password only. Locked users are left out: they cannot sign in until unlocked.
-- remediation: In Control Center > Identity & Access > Users, open the user and set Authentication
--   method to MFA (or TFA), or call PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication.
-- references: https://techdocs.akamai.com/iam/docs/set-up-mfa
-- frameworks: soc2:CC6.1, iso27001:8.5, pci-dss-4.0:8.4.2, nist-800-53:IA-2(1)
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('authentication method is NONE: signs in with a password only (email {})', email) AS reason,
       email, last_login_date
FROM users
WHERE snapshot_id = $snapshot_id
  AND additional_authentication = 'NONE'
  AND NOT is_locked;
