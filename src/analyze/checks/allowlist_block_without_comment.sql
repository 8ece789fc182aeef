-- id: allowlist_block_without_comment
-- title: Allowlist block without a meaningful comment
-- severity: low
-- resource_type: cidr_block
-- rationale: An allowlist entry nobody can attribute is never removed: reviewers cannot tell an
--   office from a forgotten contractor VPN. Placeholders such as "-", "n/a" or "tmp" count as none.
-- remediation: Edit the block's comment to say whose network it is and why it is needed, or remove
--   it (Control Center > Identity & Access > Account settings > IP allowlist).
-- references: https://techdocs.akamai.com/iam/docs/manage-ip-allowlist
-- frameworks: soc2:CC6.6, iso27001:5.15
SELECT 'cidr_block' AS resource_type, cidr_block_id::VARCHAR AS resource_id, cidr_block AS resource_name,
       format('{} block {} has {}; created by {} on {}', CASE WHEN enabled THEN 'enabled' ELSE 'disabled' END, cidr_block,
              CASE WHEN coalesce(trim(comments), '') = '' THEN 'no comment' ELSE format('only the placeholder comment "{}"', comments) END,
              coalesce(created_by, 'unknown'), coalesce(strftime(created_date, '%Y-%m-%d'), 'an unknown date')) AS reason,
       comments, created_by
FROM cidr_blocks
WHERE snapshot_id = $snapshot_id
  AND regexp_full_match(lower(trim(coalesce(comments, ''))), '|-+|\.+|n/?a|none|tbd|todo|tmp|temp|test|x+|\?+');
