import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS, loadConfig } from '../../src/config.js';
import { loadChecks } from '../../src/analyze/catalog.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../support/extract.js';

const ids = loadChecks().map((c) => c.id);
const dir = tempDir('iam-config-');
function load(yaml: string) {
  const f = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, yaml);
  return () => loadConfig(f, ids);
}
function errorOf(yaml: string): string {
  try {
    load(yaml)();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('config (iam-audit.yaml)', () => {
  it('is optional: no file means the documented defaults', () => {
    const c = loadConfig(undefined, ids);
    expect(c.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(c.suppressions).toEqual([]);
  });

  it('overrides only what it names', () => {
    const c = load(`thresholds:\n  inactive_days: 120\nallowed_email_domains: [corp.example]\nseverity:\n  user_inactive: high\ndisabled_checks: [role_unused]\nsuppressions:\n  - check: user_inactive\n    resource: "1-AB*"\n    reason: sabbatical\n    owner: ciso@corp.example\n    expires: 2027-03-31\n`)();
    expect(c.thresholds.inactive_days).toBe(120);
    expect(c.thresholds.credential_max_age_days).toBe(DEFAULT_THRESHOLDS.credential_max_age_days);
    expect(c.severity).toEqual({ user_inactive: 'high' });
    expect(c.suppressions[0]).toEqual({ check: 'user_inactive', resource: '1-AB*', reason: 'sabbatical', owner: 'ciso@corp.example', expires: '2027-03-31' });
  });

  it('names the key of every mistake, in one line', () => {
    expect(errorOf('treshold:\n  inactive_days: 3\n')).toMatch(/: treshold: unknown key \(expected one of: thresholds, /);
    expect(errorOf('thresholds:\n  inactive_dayz: 3\n')).toMatch(/: thresholds\.inactive_dayz: unknown key/);
    expect(errorOf('thresholds:\n  inactive_days: ninety\n')).toMatch(/: thresholds\.inactive_days: /);
    expect(errorOf('thresholds:\n  inactive_days: -1\n')).toMatch(/: thresholds\.inactive_days: /);
    expect(errorOf('severity:\n  user_inactive: urgent\n')).toMatch(/: severity\.user_inactive: /);
    expect(errorOf('severity:\n  user_inactiv: high\n')).toMatch(/severity\.user_inactiv: unknown check "user_inactiv" \(did you mean user_inactive\?\)/);
    expect(errorOf('disabled_checks: [no_such_check]\n')).toMatch(/disabled_checks\[0\]: unknown check "no_such_check"/);
    expect(errorOf('suppressions:\n  - check: user_mfa_disabld\n    resource: x\n    reason: r\n    owner: o\n    expires: 2027-01-01\n'))
      .toMatch(/suppressions\[0\]\.check: unknown check "user_mfa_disabld" \(did you mean user_mfa_disabled\?\)/);
    expect(errorOf('suppressions:\n  - check: user_inactive\n    resource: x\n    reason: r\n    owner: o\n')).toMatch(/suppressions\[0\]\.expires: required/);
    expect(errorOf('suppressions:\n  - check: user_inactive\n    resource: x\n    reason: r\n    owner: o\n    expires: next year\n')).toMatch(/suppressions\[0\]\.expires: must be a date written YYYY-MM-DD/);
    expect(errorOf('suppressions:\n  - check: user_inactive\n    resource: x\n    reason: r\n    owner: o\n    expires: 2027-01-01\n    ticket: 5\n')).toMatch(/suppressions\[0\]\.ticket: unknown key/);
    expect(errorOf('privileged:\n  role_name_patterns: ["(unclosed"]\n')).toMatch(/privileged\.role_name_patterns\[0\]: not a valid regular expression/);
    expect(errorOf('thresholds: [1, 2\n')).toMatch(/not valid YAML/);
  });

  it('a missing --config file is an error naming it', () => {
    expect(() => loadConfig(join(dir, 'nope.yaml'), ids)).toThrow(/nope\.yaml not found/);
  });
});

describe('docs/configuration.md', () => {
  it('documents every threshold with its default', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const [k, v] of Object.entries(DEFAULT_THRESHOLDS)) expect(doc, k).toMatch(new RegExp(`\\b${k}: ${v}\\b`));
  });
});
