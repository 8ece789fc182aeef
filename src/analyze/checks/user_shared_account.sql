-- id: user_shared_account
-- title: User looks like a shared (team) account
-- severity: medium
-- resource_type: user
-- rationale: A login used by several people breaks accountability: the audit trail cannot say who
--   did what, and the password outlives every person who knew it. PCI DSS 8.2.2 allows shared
--   accounts only by exception.
-- remediation: Give each person a named user with the roles the team needs and delete the shared
--   login, or document the exception (with a suppression naming its owner and expiry).
-- references: https://techdocs.akamai.com/iam/docs/manage-users
-- frameworks: soc2:CC6.1, iso27001:5.16, pci-dss-4.0:8.2.2, nist-800-53:AC-2
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('user name {} / email {} match a shared-account pattern', ui_user_name, email) AS reason,
       email
FROM users
WHERE snapshot_id = $snapshot_id
  AND (regexp_matches(lower(ui_user_name), $shared_account_pattern)
       OR regexp_matches(lower(split_part(email, '@', 1)), $shared_account_pattern));
