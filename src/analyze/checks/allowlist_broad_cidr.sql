-- id: allowlist_broad_cidr
-- title: Allowlist block too broad to mean anything
-- severity: high
-- resource_type: cidr_block
-- rationale: An allowlist entry like 0.0.0.0/0, 10.0.0.0/8 or an IPv6 /32 admits millions of
--   addresses, usually whole providers or the internet, and quietly turns the allowlist off.
-- remediation: Replace the block with the specific egress ranges it was meant for (Control Center >
--   Identity & Access > Account settings > IP allowlist); remove temporary entries.
-- references: https://techdocs.akamai.com/iam/docs/manage-ip-allowlist
-- frameworks: soc2:CC6.6, iso27001:8.5, nist-800-53:AC-6
WITH blocks AS (
  SELECT *, contains(cidr_block, ':') AS is_v6,
         CASE WHEN contains(cidr_block, '/') THEN TRY_CAST(split_part(cidr_block, '/', 2) AS INTEGER)
              WHEN contains(cidr_block, ':') THEN 128 ELSE 32 END AS prefix
  FROM cidr_blocks WHERE snapshot_id = $snapshot_id AND enabled
)
SELECT 'cidr_block' AS resource_type, cidr_block_id::VARCHAR AS resource_id, cidr_block AS resource_name,
       format('{} /{} admits {} addresses; minimum prefix {}{}', CASE WHEN is_v6 THEN 'IPv6' ELSE 'IPv4' END, prefix,
              CASE WHEN is_v6 THEN format('2^{}', 128 - prefix) ELSE format('{:,}', (2::HUGEINT ** (32 - prefix))::BIGINT) END,
              CASE WHEN is_v6 THEN $allowlist_min_ipv6_prefix::INTEGER ELSE $allowlist_min_ipv4_prefix::INTEGER END,
              CASE WHEN coalesce(trim(comments), '') <> '' THEN format(' (comment: {})', comments) ELSE '' END) AS reason,
       comments, modified_by, modified_date
FROM blocks
WHERE prefix IS NOT NULL
  AND ((is_v6 AND prefix < $allowlist_min_ipv6_prefix) OR (NOT is_v6 AND prefix < $allowlist_min_ipv4_prefix) OR prefix = 0);
