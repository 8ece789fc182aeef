-- id: api_client_account_switch
-- title: API client may act on other accounts
-- severity: medium
-- resource_type: api_client
-- rationale: allowAccountSwitch lets a client use accountSwitchKey to manage other accounts: its
--   credential's blast radius is every account it can switch to. It should be rare and known.
-- remediation: Turn account switching off for clients that do not need it (Control Center >
--   Identity & Access > API clients > Manage account switching); keep a list of those that do.
-- references: https://techdocs.akamai.com/iam-api/reference/get-client-account-switch-keys
-- frameworks: soc2:CC6.3, iso27001:8.2, pci-dss-4.0:7.2.2, nist-800-53:AC-6
SELECT 'api_client' AS resource_type, c.client_id AS resource_id, c.client_name AS resource_name,
       format('allowAccountSwitch is on{}', CASE WHEN count(k.account_switch_key) > 0
              THEN format('; can reach {} account(s): {}', count(k.account_switch_key), string_agg(coalesce(k.account_name, k.account_switch_key), ', ' ORDER BY k.account_name))
              ELSE '' END) AS reason,
       c.is_caller
FROM api_clients c
LEFT JOIN account_switch_keys k ON k.snapshot_id = c.snapshot_id AND k.client_id = c.client_id
WHERE c.snapshot_id = $snapshot_id AND c.allow_account_switch
GROUP BY c.client_id, c.client_name, c.is_caller;
