-- id: user_session_timeout_long
-- title: User's idle session timeout is longer than allowed
-- severity: low
-- resource_type: user
-- rationale: A Control Center session left open on an unattended machine can be used by anyone;
--   PCI DSS 8.2.8 asks for re-authentication after 15 minutes idle.
-- remediation: Set the user's session timeout (Control Center > Identity & Access > Users >
--   Session timeout) to no more than the threshold.
-- references: https://techdocs.akamai.com/iam-api/reference/get-common-timeout-policies
-- frameworks: pci-dss-4.0:8.2.8, nist-800-53:AC-2
SELECT 'user' AS resource_type, ui_identity_id AS resource_id, ui_user_name AS resource_name,
       format('session timeout {} s ({} min); threshold {} s', session_timeout_seconds, session_timeout_seconds // 60,
              $max_session_timeout_seconds::INTEGER) AS reason,
       email, session_timeout_seconds
FROM users
WHERE snapshot_id = $snapshot_id
  AND NOT is_locked
  AND session_timeout_seconds > $max_session_timeout_seconds;
