-- id: allowlist_disabled
-- title: Control Center logins are not limited to known networks
-- severity: high
-- resource_type: account
-- rationale: With the IP allowlist off, a stolen password (and, without MFA, nothing else) gives
--   Control Center access from anywhere. The allowlist confines logins to the organisation's networks.
-- remediation: Add the offices' and VPN's egress ranges, then enable the allowlist (Control Center >
--   Identity & Access > Account settings > IP allowlist, or POST /identity-management/v3/user-admin/ip-acl/allowlist/enable).
-- references: https://techdocs.akamai.com/iam/docs/manage-ip-allowlist
-- frameworks: soc2:CC6.6, iso27001:8.5, nist-800-53:AC-6
SELECT 'account' AS resource_type, s.account_id AS resource_id, s.account_name AS resource_name,
       format('IP allowlist is disabled ({} CIDR block(s) defined but not enforced)',
              (SELECT count(*) FROM cidr_blocks b WHERE b.snapshot_id = $snapshot_id)) AS reason
FROM snapshots s JOIN allowlist a ON a.snapshot_id = s.snapshot_id
WHERE s.snapshot_id = $snapshot_id AND NOT a.enabled;
