/**
 * What a run prints (one line per case, totals per file and overall) and the JSON report.
 */
import { writeFileSync } from 'node:fs';
import type { CaseResult } from './runner.ts';
import type { Verdict } from './ratchet.ts';

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(results: readonly CaseResult[]): Totals {
  return {
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    skipped: results.filter((r) => r.status === 'skip').length,
  };
}

/** `N passed, N failed, N skipped` — printed alone on the last line for the whole run. */
export const totalsLine = (t: Totals) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;

export function caseLine(r: CaseResult): string {
  if (r.status === 'pass') return `PASS ${r.key}`;
  if (r.status === 'skip') return `SKIP ${r.key} — ${r.reason}`;
  const f = r.failure!;
  const where = `${f.section}${f.line ? ` line ${f.line}` : ''}: ${f.step}`;
  return `FAIL ${r.key} — [${where}] ${oneLine(f.message)}${f.response ? ` — ${oneLine(f.response)}` : ''}`;
}

/** Per-file totals; worded so it is never mistaken for the overall closing line. */
export const fileLine = (file: string, t: Totals, ms: number) => `  [${file}] ${totalsLine(t)} in ${(ms / 1000).toFixed(1)}s`;

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

export interface Report {
  started: string;
  finished: string;
  durationMs: number;
  command: string[];
  cluster: Record<string, unknown>;
  totals: Totals;
  ratchet?: Verdict & { file: string };
  files: { file: string; totals: Totals; durationMs: number; error?: string }[];
  cases: CaseResult[];
}

export function writeReport(path: string, report: Report): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
