-- akamai-iam-audit data model, version 1. A public interface: see docs/data-model.md for every
-- column and the IAM v3 field it comes from. Every table but schema_meta and snapshots carries
-- snapshot_id; a snapshot's rows are written in one transaction that ends with status 'complete'.
-- Secrets never enter this file: no client_secret, no access_token, client tokens only as their
-- last 4 characters unless the run was told --keep-client-tokens.

CREATE TABLE IF NOT EXISTS schema_meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR
);

CREATE SEQUENCE IF NOT EXISTS snapshot_ids START 1;

CREATE TABLE IF NOT EXISTS snapshots (
  snapshot_id INTEGER PRIMARY KEY DEFAULT nextval('snapshot_ids'),
  run_id VARCHAR NOT NULL,
  account_id VARCHAR,
  account_name VARCHAR,
  account_switch_key VARCHAR,
  api_host VARCHAR NOT NULL,
  edgerc_section VARCHAR,
  caller_client_id VARCHAR,
  caller_client_name VARCHAR,
  caller_ui_user_name VARCHAR,
  tool_version VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  status VARCHAR NOT NULL,
  failure_reason VARCHAR,
  requests INTEGER,
  retries INTEGER,
  rate_limited INTEGER,
  vanished INTEGER,
  client_tokens_kept BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS account_switch_keys (
  snapshot_id INTEGER NOT NULL,
  client_id VARCHAR NOT NULL,
  account_switch_key VARCHAR NOT NULL,
  account_name VARCHAR
);

CREATE TABLE IF NOT EXISTS groups (
  snapshot_id INTEGER NOT NULL,
  group_id BIGINT NOT NULL,
  group_name VARCHAR NOT NULL,
  parent_group_id BIGINT,
  depth INTEGER NOT NULL,
  group_path VARCHAR NOT NULL,
  created_by VARCHAR,
  created_date TIMESTAMPTZ,
  modified_by VARCHAR,
  modified_date TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS roles (
  snapshot_id INTEGER NOT NULL,
  role_id BIGINT NOT NULL,
  role_name VARCHAR NOT NULL,
  role_description VARCHAR,
  role_type VARCHAR NOT NULL,
  num_users INTEGER,
  created_by VARCHAR,
  created_date TIMESTAMPTZ,
  modified_by VARCHAR,
  modified_date TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS role_holders (
  snapshot_id INTEGER NOT NULL,
  role_id BIGINT NOT NULL,
  ui_identity_id VARCHAR NOT NULL,
  email VARCHAR,
  last_login_date TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS role_granted_roles (
  snapshot_id INTEGER NOT NULL,
  role_id BIGINT NOT NULL,
  granted_role_id BIGINT NOT NULL,
  granted_role_name VARCHAR NOT NULL,
  granted_role_description VARCHAR
);

CREATE TABLE IF NOT EXISTS grantable_roles (
  snapshot_id INTEGER NOT NULL,
  granted_role_id BIGINT NOT NULL,
  granted_role_name VARCHAR NOT NULL,
  granted_role_description VARCHAR
);

CREATE TABLE IF NOT EXISTS users (
  snapshot_id INTEGER NOT NULL,
  ui_identity_id VARCHAR NOT NULL,
  ui_user_name VARCHAR NOT NULL,
  first_name VARCHAR,
  last_name VARCHAR,
  email VARCHAR NOT NULL,
  account_id VARCHAR,
  is_locked BOOLEAN NOT NULL,
  tfa_enabled BOOLEAN,
  tfa_configured BOOLEAN,
  additional_authentication VARCHAR NOT NULL,
  additional_authentication_configured BOOLEAN NOT NULL,
  last_login_date TIMESTAMPTZ,
  password_expiry_date TIMESTAMPTZ,
  session_timeout_seconds INTEGER,
  email_update_pending BOOLEAN,
  job_title VARCHAR,
  contact_type VARCHAR,
  phone VARCHAR,
  mobile_phone VARCHAR,
  secondary_email VARCHAR,
  preferred_language VARCHAR,
  time_zone VARCHAR,
  country VARCHAR,
  state VARCHAR,
  city VARCHAR,
  address VARCHAR,
  zip_code VARCHAR,
  email_notifications_enabled BOOLEAN,
  notify_new_user BOOLEAN,
  notify_password_expiry BOOLEAN,
  notify_api_client_credential_expiry BOOLEAN,
  notify_proactive VARCHAR[],
  notify_upgrade VARCHAR[]
);

CREATE TABLE IF NOT EXISTS user_grants (
  snapshot_id INTEGER NOT NULL,
  ui_identity_id VARCHAR NOT NULL,
  grant_id INTEGER NOT NULL,
  parent_grant_id INTEGER,
  nesting_depth INTEGER NOT NULL,
  group_id BIGINT,
  group_name VARCHAR,
  role_id BIGINT NOT NULL,
  role_name VARCHAR,
  is_blocked BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS blocked_properties (
  snapshot_id INTEGER NOT NULL,
  ui_identity_id VARCHAR NOT NULL,
  group_id BIGINT NOT NULL,
  property_id BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS properties (
  snapshot_id INTEGER NOT NULL,
  property_id BIGINT NOT NULL,
  property_name VARCHAR NOT NULL,
  property_type VARCHAR,
  group_id BIGINT NOT NULL,
  group_name VARCHAR
);

CREATE TABLE IF NOT EXISTS api_clients (
  snapshot_id INTEGER NOT NULL,
  client_id VARCHAR NOT NULL,
  client_name VARCHAR NOT NULL,
  client_description VARCHAR,
  client_type VARCHAR NOT NULL,
  authorized_users VARCHAR[] NOT NULL,
  is_locked BOOLEAN NOT NULL,
  active_credential_count INTEGER NOT NULL,
  allow_account_switch BOOLEAN NOT NULL,
  can_auto_create_credential BOOLEAN,
  notification_emails VARCHAR[],
  created_by VARCHAR,
  created_date TIMESTAMPTZ NOT NULL,
  base_url VARCHAR,
  is_caller BOOLEAN NOT NULL,
  all_accessible_apis BOOLEAN,
  clone_authorized_user_groups BOOLEAN,
  ip_acl_enabled BOOLEAN,
  ip_acl_cidrs VARCHAR[],
  can_purge_by_cpcode BOOLEAN,
  can_purge_by_cache_tag BOOLEAN,
  purge_all_cpcodes BOOLEAN,
  purge_cpcodes BIGINT[]
);

CREATE TABLE IF NOT EXISTS api_client_apis (
  snapshot_id INTEGER NOT NULL,
  client_id VARCHAR NOT NULL,
  api_id BIGINT NOT NULL,
  api_name VARCHAR NOT NULL,
  endpoint VARCHAR,
  access_level VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS api_client_groups (
  snapshot_id INTEGER NOT NULL,
  client_id VARCHAR NOT NULL,
  grant_id INTEGER NOT NULL,
  parent_grant_id INTEGER,
  nesting_depth INTEGER NOT NULL,
  group_id BIGINT NOT NULL,
  group_name VARCHAR,
  role_id BIGINT NOT NULL,
  role_name VARCHAR,
  is_blocked BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS credentials (
  snapshot_id INTEGER NOT NULL,
  client_id VARCHAR NOT NULL,
  credential_id BIGINT NOT NULL,
  client_token VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  created_on TIMESTAMPTZ NOT NULL,
  expires_on TIMESTAMPTZ NOT NULL,
  max_allowed_expiry TIMESTAMPTZ,
  description VARCHAR
);

CREATE TABLE IF NOT EXISTS allowlist (
  snapshot_id INTEGER NOT NULL,
  enabled BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS cidr_blocks (
  snapshot_id INTEGER NOT NULL,
  cidr_block_id BIGINT NOT NULL,
  cidr_block VARCHAR NOT NULL,
  enabled BOOLEAN NOT NULL,
  comments VARCHAR,
  created_by VARCHAR,
  created_date TIMESTAMPTZ,
  modified_by VARCHAR,
  modified_date TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS password_policy (
  snapshot_id INTEGER NOT NULL,
  pwclass VARCHAR NOT NULL,
  min_length INTEGER NOT NULL,
  min_letters INTEGER,
  min_digits INTEGER,
  case_dif INTEGER,
  min_non_alpha INTEGER,
  max_repeating INTEGER,
  min_reuse INTEGER,
  rotate_frequency_days INTEGER
);

CREATE TABLE IF NOT EXISTS timeout_policies (
  snapshot_id INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  seconds INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_responses (
  snapshot_id INTEGER NOT NULL,
  request_path VARCHAR NOT NULL,
  item_index INTEGER,
  fetched_at TIMESTAMPTZ NOT NULL,
  body JSON
);

-- ---------------------------------------------------------------------------------------------
-- Written by `analyze` and `diff` (derived from the snapshot tables above; rerunnable offline).

CREATE SEQUENCE IF NOT EXISTS analysis_ids START 1;

CREATE TABLE IF NOT EXISTS analyses (
  analysis_id INTEGER PRIMARY KEY DEFAULT nextval('analysis_ids'),
  snapshot_id INTEGER NOT NULL,
  analyzed_at TIMESTAMPTZ NOT NULL,
  as_of TIMESTAMPTZ NOT NULL,
  tool_version VARCHAR NOT NULL,
  config_file VARCHAR,
  config JSON NOT NULL,
  checks_evaluated INTEGER NOT NULL,
  open_findings INTEGER NOT NULL,
  suppressed_findings INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS privileged_roles (
  snapshot_id INTEGER NOT NULL,
  role_id BIGINT NOT NULL,
  role_name VARCHAR,
  matched_by VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS check_results (
  snapshot_id INTEGER NOT NULL,
  check_id VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  resource_type VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  note VARCHAR,
  findings INTEGER NOT NULL,
  open_findings INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS findings (
  snapshot_id INTEGER NOT NULL,
  check_id VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  resource_type VARCHAR NOT NULL,
  resource_id VARCHAR NOT NULL,
  resource_name VARCHAR,
  reason VARCHAR NOT NULL,
  details JSON,
  status VARCHAR NOT NULL,
  suppression_reason VARCHAR,
  suppression_owner VARCHAR,
  suppression_expires DATE,
  suppression_expired BOOLEAN NOT NULL,
  first_seen TIMESTAMPTZ NOT NULL,
  first_seen_snapshot_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS framework_results (
  snapshot_id INTEGER NOT NULL,
  framework_id VARCHAR NOT NULL,
  framework_name VARCHAR NOT NULL,
  requirement_id VARCHAR NOT NULL,
  requirement_title VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  weakened BOOLEAN NOT NULL,
  note VARCHAR,
  check_ids VARCHAR[] NOT NULL,
  open_findings INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS snapshot_diffs (
  from_snapshot_id INTEGER NOT NULL,
  to_snapshot_id INTEGER NOT NULL,
  category VARCHAR NOT NULL,
  change VARCHAR NOT NULL,
  resource_type VARCHAR NOT NULL,
  resource_id VARCHAR NOT NULL,
  resource_name VARCHAR,
  detail VARCHAR
);
