-- id: password_policy_weak
-- title: Account password policy is weaker than required
-- severity: medium
-- resource_type: account
-- rationale: Control Center passwords protect every user without a second factor. PCI DSS 4.0 asks
--   for at least 12 characters with letters and digits (8.3.6), no reuse of the last 4 (8.3.7) and,
--   where passwords are the only factor, a change at least every 90 days (8.3.9).
-- remediation: Ask Akamai support (or an account admin, under Account settings > Password policy)
--   to move the account to a stronger password class.
-- references: https://techdocs.akamai.com/iam-api/reference/get-common-password-policy
-- frameworks: soc2:CC6.1, iso27001:5.17, pci-dss-4.0:8.3.6, pci-dss-4.0:8.3.7, pci-dss-4.0:8.3.9, nist-800-53:IA-5
SELECT 'account' AS resource_type, s.account_id AS resource_id, s.account_name AS resource_name,
       format('password class {}: {}', p.pwclass, concat_ws('; ',
         CASE WHEN p.min_length < $password_min_length THEN format('minimum length {} < {}', p.min_length, $password_min_length::INTEGER) END,
         CASE WHEN coalesce(p.min_letters, 0) < 1 OR coalesce(p.min_digits, 0) < 1 THEN 'letters and digits not both required' END,
         CASE WHEN coalesce(p.min_reuse, 0) < $password_min_history THEN format('reuse blocked for the last {} < {}', coalesce(p.min_reuse, 0), $password_min_history::INTEGER) END,
         CASE WHEN p.rotate_frequency_days IS NULL OR p.rotate_frequency_days > $password_max_rotation_days
              THEN format('rotation every {} > {} days', coalesce(p.rotate_frequency_days::VARCHAR, 'never'), $password_max_rotation_days::INTEGER) END)) AS reason,
       p.pwclass, p.min_length, p.min_reuse, p.rotate_frequency_days
FROM snapshots s JOIN password_policy p ON p.snapshot_id = s.snapshot_id
WHERE s.snapshot_id = $snapshot_id
  AND (p.min_length < $password_min_length
       OR coalesce(p.min_letters, 0) < 1 OR coalesce(p.min_digits, 0) < 1
       OR coalesce(p.min_reuse, 0) < $password_min_history
       OR p.rotate_frequency_days IS NULL OR p.rotate_frequency_days > $password_max_rotation_days);
