-- id: user_external_email_domain
-- title: User's email is outside the allowed domains
-- severity: medium
-- resource_type: user
-- requires: allowed_email_domains
-- rationale: Access should belong to identities the organisation controls: a personal or
--   third-party mailbox receives password resets the organisation cannot revoke at offboarding.
-- remediation: Change the user's email to a company address, or if the user is a contractor make
--   sure a named sponsor reviews the access and add the partner's domain to allowed_email_domains.
-- references: https://techdocs.akamai.com/iam/docs/manage-users
-- frameworks: soc2:CC6.2, iso27001:5.16, nist-800-53:AC-2
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('email domain {} is not an allowed domain', lower(split_part(email, '@', 2))) AS reason,
       email
FROM users
WHERE snapshot_id = $snapshot_id
  AND NOT regexp_full_match(lower(split_part(email, '@', 2)), $allowed_email_domain_pattern);
