/**
 * The intended differences, read from docs/differences.md: each line `` - `step-id` `` or
 * `` - `step-id` `body.path` `` (a step id may end in `*`; a path names the field and everything under
 * it) followed by its reason. A difference is listed when one entry covers its step and path.
 */
import { readFileSync } from 'node:fs';
import type { StepResult } from './types.ts';

export interface Listed {
  readonly step: string;
  readonly path: string | undefined;
  readonly reason: string;
  readonly line: number;
}

export function readListed(file: string): Listed[] {
  const out: Listed[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = /^- `([^`]+)`(?: `([^`]+)`)?\s*[:—-]?\s*(.*)$/.exec(text);
    if (!m) return;
    if (m[3].trim() === '') throw new Error(`${file}:${i + 1}: a listed difference needs its reason`);
    out.push({ step: m[1], path: m[2], reason: m[3].trim(), line: i + 1 });
  });
  return out;
}

const stepMatches = (pattern: string, id: string) => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id);
const pathMatches = (prefix: string | undefined, difference: string) => {
  if (prefix === undefined) return true;
  const path = difference.slice(0, difference.indexOf(':'));
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
};

export interface Verdict {
  /** Differences no entry covers: the test fails on them. */
  readonly unlisted: { step: string; difference: string }[];
  /** Entries that covered nothing in this run (fixed since, or the step changed). */
  readonly unused: Listed[];
  readonly identical: number;
}

export function judge(results: readonly StepResult[], listed: readonly Listed[]): Verdict {
  const used = new Set<Listed>();
  const unlisted: { step: string; difference: string }[] = [];
  let identical = 0;
  for (const r of results) {
    if (r.differences.length === 0) identical++;
    for (const d of r.differences) {
      const entry = listed.find((l) => stepMatches(l.step, r.step.id) && pathMatches(l.path, d));
      if (entry) used.add(entry);
      else unlisted.push({ step: r.step.id, difference: d });
    }
  }
  return { unlisted, unused: listed.filter((l) => !used.has(l)), identical };
}
