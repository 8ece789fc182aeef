/**
 * Compliance frameworks as data (frameworks/*.yaml): each requirement names the checks that
 * evaluate it and the thresholds it bounds. A requirement passes, fails or is not evaluated from
 * the checks' results, and is "weakened by configuration" where a configured threshold is looser
 * than the requirement allows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AuditConfig, Thresholds } from '../config.js';

const RequirementSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  checks: z.array(z.string()).min(1),
  thresholds: z.record(z.string(), z.strictObject({ max: z.number().optional(), min: z.number().optional() })).optional(),
});
const FrameworkSchema = z.strictObject({ id: z.string(), name: z.string(), requirements: z.array(RequirementSchema).min(1) });

export type Framework = z.infer<typeof FrameworkSchema>;

export const FRAMEWORKS_DIR = new URL('./frameworks/', import.meta.url);

let cache: Framework[] | undefined;
export function loadFrameworks(): Framework[] {
  cache ??= readdirSync(FRAMEWORKS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => {
    const r = FrameworkSchema.safeParse(parseYaml(readFileSync(new URL(f, FRAMEWORKS_DIR), 'utf8')));
    if (!r.success) throw new Error(`${f}: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
    return r.data;
  });
  return cache;
}

export interface CheckOutcome {
  checkId: string;
  status: 'evaluated' | 'not_evaluated' | 'disabled';
  openFindings: number;
}

export interface RequirementResult {
  frameworkId: string;
  frameworkName: string;
  requirementId: string;
  requirementTitle: string;
  status: 'pass' | 'fail' | 'not_evaluated';
  weakened: boolean;
  note: string;
  checkIds: string[];
  openFindings: number;
}

export function evaluateFrameworks(frameworks: Framework[], outcomes: CheckOutcome[], config: AuditConfig): RequirementResult[] {
  const byId = new Map(outcomes.map((o) => [o.checkId, o]));
  const out: RequirementResult[] = [];
  for (const fw of frameworks) {
    for (const req of fw.requirements) {
      const evaluated = req.checks.map((c) => byId.get(c)).filter((o): o is CheckOutcome => o?.status === 'evaluated');
      const skipped = req.checks.filter((c) => byId.get(c)?.status !== 'evaluated');
      const open = evaluated.reduce((n, o) => n + o.openFindings, 0);
      const notes: string[] = [];
      let weakened = false;
      for (const [key, bound] of Object.entries(req.thresholds ?? {})) {
        const value = config.thresholds[key as keyof Thresholds];
        if (bound.max !== undefined && value > bound.max) {
          weakened = true;
          notes.push(`weakened by configuration: ${key} is ${value}, the requirement allows at most ${bound.max}`);
        }
        if (bound.min !== undefined && value < bound.min) {
          weakened = true;
          notes.push(`weakened by configuration: ${key} is ${value}, the requirement needs at least ${bound.min}`);
        }
      }
      if (skipped.length) notes.push(`not evaluated: ${skipped.join(', ')}`);
      if (open) notes.push(`${open} open finding(s) in ${evaluated.filter((o) => o.openFindings).map((o) => o.checkId).join(', ')}`);
      out.push({
        frameworkId: fw.id, frameworkName: fw.name, requirementId: req.id, requirementTitle: req.title,
        status: evaluated.length === 0 ? 'not_evaluated' : open > 0 ? 'fail' : 'pass',
        weakened, note: notes.join('; '), checkIds: req.checks, openFindings: open,
      });
    }
  }
  return out;
}
