/**
 * Reads an `.edgerc` section the way Akamai's tools do (REFERENCE §2.1): INI sections, keys spelled
 * with `_` or `-`, quotes and inline `;`/`#` comments stripped, optional `max_body` and
 * `account_key`. Parsed here rather than by akamai-edgegrid so that every mistake gets a one-line
 * message naming the file, the section and the fix.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { EdgeGridCredentials } from './signer.js';

export interface EdgercSection extends EdgeGridCredentials {
  file: string;
  section: string;
  maxBody: number;
  /** `account_key`: appended as `accountSwitchKey` to every request. */
  accountKey?: string;
}

export function defaultEdgercPath(env = process.env): string {
  return env.AKAMAI_EDGERC ?? resolve(homedir(), '.edgerc');
}

export function defaultSection(env = process.env): string {
  return env.AKAMAI_EDGERC_SECTION ?? 'default';
}

/** Sections of an INI text, keys normalised to snake_case. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1].trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !current) continue;
    const key = line.slice(0, eq).trim().toLowerCase().replace(/-/g, '_');
    let value = line.slice(eq + 1).trim();
    const quoted = /^(["'])(.*)\1/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+[;#].*$/, '').trim();
    current.set(key, value);
  }
  return sections;
}

const REQUIRED = ['host', 'client_token', 'client_secret', 'access_token'] as const;

export function readEdgerc(file: string, section: string): EdgercSection {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(`No .edgerc at ${file}: create an API client credential in Control Center (Identity & Access > API clients) and save it there, or pass --edgerc FILE (env AKAMAI_EDGERC).`);
    }
    throw new UserError(`Cannot read ${file} (${code}): check its permissions or pass another --edgerc FILE.`);
  }
  const sections = parseIni(text);
  const values = sections.get(section);
  if (!values) {
    const found = [...sections.keys()];
    throw new UserError(`Section [${section}] not found in ${file}; ${found.length ? `sections found: ${found.join(', ')}` : 'the file has no [section] at all'}. Pass --section NAME (env AKAMAI_EDGERC_SECTION).`);
  }
  return edgercSection(file, section, values);
}

/**
 * Validates one section's keys (`host`, `client_token`, ... as in an .edgerc file) into credentials;
 * `file` and `section` only name where they came from in error messages.
 */
export function edgercSection(file: string, section: string, entries: Map<string, string> | Record<string, string>): EdgercSection {
  const values = entries instanceof Map ? entries : new Map(Object.entries(entries));
  const missing = REQUIRED.filter((k) => !values.get(k));
  if (missing.length) {
    throw new UserError(`Section [${section}] of ${file} lacks ${missing.join(', ')}: copy them from the credential you downloaded from Control Center.`);
  }
  const host = values.get('host')!;
  if (/^[a-z]+:\/\//i.test(host) || host.includes('/') || /\s/.test(host)) {
    throw new UserError(`host in [${section}] of ${file} must be a bare host name like akab-xxxx.luna.akamaiapis.net, without a scheme (https://), path or trailing slash; it is "${host}".`);
  }
  const maxBodyText = values.get('max_body');
  const maxBody = maxBodyText === undefined ? 131072 : Number(maxBodyText);
  if (!Number.isInteger(maxBody) || maxBody <= 0) {
    throw new UserError(`max_body in [${section}] of ${file} must be a positive whole number of bytes; it is "${maxBodyText}".`);
  }
  return {
    file, section, host, maxBody,
    clientToken: values.get('client_token')!, clientSecret: values.get('client_secret')!, accessToken: values.get('access_token')!,
    accountKey: values.get('account_key') || undefined,
  };
}
