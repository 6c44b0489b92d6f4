/** The run as text: totals, then every difference with the entry that lists it or `UNLISTED`. */
import type { Listed, Verdict } from './differences.ts';
import type { StepResult } from './types.ts';

export function renderReport(results: readonly StepResult[], verdict: Verdict, listed: readonly Listed[]): string {
  const lines = [`${results.length} requests, ${verdict.identical} identical, ${results.length - verdict.identical} differ, ${verdict.unlisted.length} unlisted differences`];
  const unlisted = new Set(verdict.unlisted.map((u) => `${u.step}\u0000${u.difference}`));
  for (const r of results) {
    if (r.differences.length === 0) continue;
    lines.push('', `${r.step.id}  ${r.step.method} ${r.step.path}`);
    for (const d of r.differences) lines.push(`  ${unlisted.has(`${r.step.id}\u0000${d}`) ? 'UNLISTED ' : 'listed   '}${d}`);
  }
  if (verdict.unused.length > 0) {
    lines.push('', 'entries of docs/differences.md that matched nothing in this run:');
    for (const u of verdict.unused) lines.push(`  line ${u.line}: ${u.step}${u.path ? ` ${u.path}` : ''}`);
  }
  void listed;
  return lines.join('\n');
}
