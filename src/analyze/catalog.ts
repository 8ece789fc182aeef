/**
 * The check catalogue: one SQL file per check in checks/, its metadata in a header comment
 * (`-- key: value`, continued on lines indented past `--`). The SQL is the check; this module only
 * reads it, lists the parameters it uses and validates the header.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { SEVERITIES, type Severity } from '../config.js';

export const RESOURCE_TYPES = ['user', 'api_client', 'credential', 'role', 'cidr_block', 'account'] as const;
const REQUIRED_FIELDS = ['id', 'title', 'severity', 'resource_type', 'rationale', 'remediation', 'references', 'frameworks'] as const;

export interface Check {
  id: string;
  title: string;
  severity: Severity;
  resourceType: (typeof RESOURCE_TYPES)[number];
  rationale: string;
  remediation: string;
  references: string[];
  /** `framework:requirement`, e.g. `pci-dss-4.0:8.2.6`. */
  frameworks: { framework: string; requirement: string }[];
  /** Config lists that must be non-empty for the check to be evaluated. */
  requires: string[];
  sql: string;
  /** `$name` parameters the SQL uses. */
  parameters: string[];
  file: string;
}

export const CHECKS_DIR = new URL('./checks/', import.meta.url);

export function parseCheck(file: string, text: string): Check {
  const fields = new Map<string, string>();
  let last: string | undefined;
  const lines = text.split('\n');
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('--'); i++) {
    const field = /^-- ([a-z0-9_]+): (.*)$/.exec(lines[i]);
    if (field) {
      last = field[1];
      fields.set(last, field[2].trim());
    } else if (last && /^--\s{2,}\S/.test(lines[i])) {
      fields.set(last, `${fields.get(last)} ${lines[i].replace(/^--\s+/, '').trim()}`);
    }
  }
  const sql = lines.slice(i).join('\n').trim();
  for (const f of REQUIRED_FIELDS) if (!fields.get(f)) throw new Error(`${file}: header lacks "-- ${f}:"`);
  const severity = fields.get('severity') as Severity;
  if (!SEVERITIES.includes(severity)) throw new Error(`${file}: severity must be one of ${SEVERITIES.join(', ')}`);
  const resourceType = fields.get('resource_type') as Check['resourceType'];
  if (!RESOURCE_TYPES.includes(resourceType)) throw new Error(`${file}: resource_type must be one of ${RESOURCE_TYPES.join(', ')}`);
  const parameters = [...new Set([...sql.replace(/--.*$/gm, '').matchAll(/\$([a-z0-9_]+)/g)].map((m) => m[1]))];
  return {
    id: fields.get('id')!, title: fields.get('title')!, severity, resourceType,
    rationale: fields.get('rationale')!, remediation: fields.get('remediation')!,
    references: fields.get('references')!.split(/[\s,]+/).filter(Boolean),
    frameworks: fields.get('frameworks')!.split(',').map((x) => {
      const [framework, requirement] = x.trim().split(/:(.*)/s);
      return { framework, requirement };
    }),
    requires: (fields.get('requires') ?? '').split(/[\s,]+/).filter(Boolean),
    sql, parameters, file,
  };
}

let cache: Check[] | undefined;

export function loadChecks(): Check[] {
  cache ??= readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.sql')).sort().map((f) => {
    const check = parseCheck(f, readFileSync(new URL(f, CHECKS_DIR), 'utf8'));
    if (`${check.id}.sql` !== f) throw new Error(`${f}: id ${check.id} does not match the file name`);
    return check;
  });
  return cache;
}

export function findCheck(id: string): Check | undefined {
  return loadChecks().find((c) => c.id === id);
}
