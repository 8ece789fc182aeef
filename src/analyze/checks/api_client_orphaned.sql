-- id: api_client_orphaned
-- title: API client whose authorized user is gone, locked or inactive
-- severity: high
-- resource_type: api_client
-- rationale: A client is someone's responsibility. When its authorized user has left (deleted),
--   is locked or no longer logs in, nobody rotates its credentials or notices misuse, yet the
--   credentials keep working.
-- remediation: Transfer the client to an active owner (Control Center > Identity & Access > API
--   clients > Transfer) or, if nothing uses it, deactivate its credentials and delete it.
-- references: https://techdocs.akamai.com/iam/docs/manage-api-clients
-- frameworks: soc2:CC6.2, iso27001:5.18, pci-dss-4.0:8.6.1, nist-800-53:AC-2
WITH owners AS (
  SELECT c.client_id, c.client_name, c.active_credential_count, name AS user_name
  FROM api_clients c, unnest(c.authorized_users) AS t(name)
  WHERE c.snapshot_id = $snapshot_id AND NOT c.is_locked
), judged AS (
  SELECT o.*, CASE
      WHEN u.ui_identity_id IS NULL THEN format('{} does not exist', o.user_name)
      WHEN u.is_locked THEN format('{} is locked', o.user_name)
      WHEN u.last_login_date IS NULL THEN format('{} never logged in', o.user_name)
      WHEN date_diff('day', u.last_login_date, $as_of::TIMESTAMPTZ) > $inactive_days
        THEN format('{} last logged in {} ({} days ago)', o.user_name, strftime(u.last_login_date, '%Y-%m-%d'), date_diff('day', u.last_login_date, $as_of::TIMESTAMPTZ))
    END AS problem
  FROM owners o
  LEFT JOIN users u ON u.snapshot_id = $snapshot_id AND u.ui_user_name = o.user_name
)
SELECT 'api_client' AS resource_type, client_id AS resource_id, client_name AS resource_name,
       format('authorized user {}; {} active credential(s)', string_agg(problem, '; ' ORDER BY user_name), any_value(active_credential_count)) AS reason,
       string_agg(user_name, ', ' ORDER BY user_name) AS authorized_users
FROM judged
WHERE problem IS NOT NULL
GROUP BY client_id, client_name;
