/**
 * iam-audit.yaml: every threshold, the definition of "privileged", allowed email domains, severity
 * overrides, disabled checks and suppressions, in one place with documented defaults
 * (docs/configuration.md). The file is optional; any mistake in it is a one-line error naming the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from './errors.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DEFAULT_THRESHOLDS = {
  /** A user (or an API client's authorized user) who has not logged in for this long is inactive. */
  inactive_days: 90,
  /** Stricter inactivity for holders of privileged roles. */
  privileged_inactive_days: 30,
  /** An ACTIVE credential older than this should have been rotated. */
  credential_max_age_days: 90,
  /** Warn this long before an ACTIVE credential expires. */
  credential_expiry_warning_days: 30,
  /** Longest acceptable idle session timeout (PCI DSS 8.2.8: 15 minutes). */
  max_session_timeout_seconds: 900,
  /** More holders of privileged roles than this is too many. */
  max_admins: 5,
  /** Password policy minimums (PCI DSS 8.3.6, 8.3.7, 8.3.9). */
  password_min_length: 12,
  password_min_history: 4,
  password_max_rotation_days: 90,
  /** Allowlist blocks wider than these prefixes are too broad. */
  allowlist_min_ipv4_prefix: 16,
  allowlist_min_ipv6_prefix: 48,
};
export type Thresholds = typeof DEFAULT_THRESHOLDS;

export const DEFAULT_PRIVILEGED = {
  /** Role names that make a role privileged (regular expressions, case-insensitive). */
  role_name_patterns: ['\\badmin\\b'],
  /** A role made of a granted role whose name matches is privileged too. */
  granted_role_name_patterns: ['^all privileges \\(admin\\)', 'user administration', 'api clients? administration', 'account settings', 'ip allowlist'],
  /** Further roles to treat as privileged, by roleId. */
  role_ids: [] as number[],
};

export const DEFAULT_SHARED_ACCOUNT_PATTERNS = ['(^|[._-])(team|shared|group|noc|ops|generic|mailbox)([._@-]|$)'];

export interface Suppression {
  check: string;
  resource: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD, the last day the suppression holds. */
  expires: string;
}

export interface AuditConfig {
  file?: string;
  thresholds: Thresholds;
  privileged: typeof DEFAULT_PRIVILEGED;
  allowed_email_domains: string[];
  shared_account_patterns: string[];
  severity: Record<string, Severity>;
  disabled_checks: string[];
  suppressions: Suppression[];
}

const wholeNumber = z.number().int().min(0);
const regex = z.string().refine((p) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
const isoDate = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date written YYYY-MM-DD');

const FileSchema = z.strictObject({
  thresholds: z.strictObject(Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, wholeNumber.optional()])) as Record<keyof Thresholds, z.ZodOptional<typeof wholeNumber>>).optional(),
  privileged: z.strictObject({
    role_name_patterns: z.array(regex).optional(),
    granted_role_name_patterns: z.array(regex).optional(),
    role_ids: z.array(z.number().int()).optional(),
  }).optional(),
  allowed_email_domains: z.array(z.string().min(1)).optional(),
  shared_account_patterns: z.array(regex).optional(),
  severity: z.record(z.string(), z.enum(SEVERITIES)).optional(),
  disabled_checks: z.array(z.string()).optional(),
  suppressions: z.array(z.strictObject({
    check: z.string().min(1),
    resource: z.string().min(1),
    reason: z.string().min(1),
    owner: z.string().min(1),
    expires: isoDate,
  })).optional(),
});

export function defaultConfig(): AuditConfig {
  return {
    thresholds: { ...DEFAULT_THRESHOLDS },
    privileged: structuredClone(DEFAULT_PRIVILEGED),
    allowed_email_domains: [],
    shared_account_patterns: [...DEFAULT_SHARED_ACCOUNT_PATTERNS],
    severity: {},
    disabled_checks: [],
    suppressions: [],
  };
}

function keyPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function closest(word: string, options: string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  const best = options.map((o) => [o, dist(word, o)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= Math.max(2, word.length / 4) ? best[0] : undefined;
}

/**
 * Loads the config file (if any) over the defaults. `knownChecks` are the catalogue's ids, so that a
 * misspelt check id is caught here rather than silently matching nothing.
 */
export function loadConfig(file: string | undefined, knownChecks: string[]): AuditConfig {
  const config = defaultConfig();
  if (!file) return config;
  if (!existsSync(file)) throw new UserError(`Config file ${file} not found: pass an existing --config FILE, or leave it out to use the defaults.`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new UserError(`${file}: not valid YAML (${(err as Error).message.split('\n')[0]}).`);
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const where = keyPath(issue.path);
      const key = issue.keys[0];
      return fail(file, `${where ? `${where}.` : ''}${key}`, `unknown key${where ? '' : ` (expected one of: ${Object.keys(FileSchema.shape).join(', ')})`}`);
    }
    const given = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
    const last = issue.path[issue.path.length - 1];
    if (given === undefined) return fail(file, keyPath(issue.path), last === 'expires' ? 'required (YYYY-MM-DD): every suppression must say when it ends' : 'required');
    return fail(file, keyPath(issue.path), issue.message);
  }
  const f = parsed.data;
  Object.assign(config.thresholds, Object.fromEntries(Object.entries(f.thresholds ?? {}).filter(([, v]) => v !== undefined)));
  Object.assign(config.privileged, Object.fromEntries(Object.entries(f.privileged ?? {}).filter(([, v]) => v !== undefined)));
  config.allowed_email_domains = f.allowed_email_domains ?? [];
  config.shared_account_patterns = f.shared_account_patterns ?? config.shared_account_patterns;
  config.severity = f.severity ?? {};
  config.disabled_checks = f.disabled_checks ?? [];
  config.suppressions = f.suppressions ?? [];
  const checkId = (key: string, id: string) => {
    if (knownChecks.includes(id)) return;
    const hint = closest(id, knownChecks);
    fail(file, key, `unknown check "${id}"${hint ? ` (did you mean ${hint}?)` : ''}; \`iam-audit checks\` lists them`);
  };
  for (const id of Object.keys(config.severity)) checkId(`severity.${id}`, id);
  config.disabled_checks.forEach((id, i) => checkId(`disabled_checks[${i}]`, id));
  config.suppressions.forEach((s, i) => checkId(`suppressions[${i}].check`, s.check));
  config.file = file;
  return config;
}

function fail(file: string, key: string, message: string): never {
  throw new UserError(`${file}: ${key || '(top level)'}: ${message}.`);
}
