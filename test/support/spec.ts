import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Akamai's IAM v3 OpenAPI document is not ours to commit: tests read it from ../shared (or
 * IAM_SPEC_DIR) and skip, saying so, where it is absent.
 */
export const SPEC_DIR = process.env.IAM_SPEC_DIR ?? resolve(import.meta.dirname, '../../../shared/akamai-iam-v3/spec');
export const SPEC_FILE = resolve(SPEC_DIR, 'openapi.json');
export const specPresent = existsSync(SPEC_FILE);
export const specSkipReason = `Akamai's IAM v3 spec not found at ${SPEC_FILE} (set IAM_SPEC_DIR to its folder)`;

export function loadSpec(): any {
  return JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
}
