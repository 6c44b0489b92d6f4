/**
 * The ratchet file: the cases expected to pass (`pass:`), and the cases not run at all with a
 * one-line reason each (`skip:`). A listed case that does not pass is a regression; a passing case
 * that is not listed is reported so it can be added.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { CaseResult } from './runner.ts';
import { isMap } from './values.ts';

export interface Ratchet {
  pass: string[];
  skip: Record<string, string>;
}

export interface Verdict {
  regressions: { key: string; detail: string }[];
  newPasses: string[];
}

export function parseRatchet(text: string): Ratchet {
  const doc = (parse(text) ?? {}) as unknown;
  if (!isMap(doc)) throw new Error('ratchet: must be a map with pass: and skip:');
  const pass = doc.pass ?? [];
  const skip = doc.skip ?? {};
  if (!Array.isArray(pass) || !pass.every((k) => typeof k === 'string')) throw new Error('ratchet: pass: must be a list of "file :: case" strings');
  if (!isMap(skip)) throw new Error('ratchet: skip: must map "file :: case" to a reason');
  const reasons: Record<string, string> = {};
  for (const [key, reason] of Object.entries(skip)) {
    if (typeof reason !== 'string' || reason.trim() === '' || reason.includes('\n')) throw new Error(`ratchet: skip of [${key}] needs a one-line reason`);
    if (pass.includes(key)) throw new Error(`ratchet: [${key}] is listed both to pass and to skip`);
    reasons[key] = reason.trim();
  }
  return { pass: [...new Set(pass as string[])], skip: reasons };
}

export function loadRatchet(path: string): Ratchet {
  return existsSync(path) ? parseRatchet(readFileSync(path, 'utf8')) : { pass: [], skip: {} };
}

const HEADER = `# Conformance ratchet for Elastic's security YAML REST tests (test/conformance/README.md).
# pass: cases that must keep passing; \`npm run conformance -- --ratchet\` fails when one does not.
#       \`npm run conformance -- --update-ratchet\` rewrites this list from a run.
# skip: cases that are not run, each with a one-line reason.
`;

export function formatRatchet(r: Ratchet): string {
  const body = stringify({ pass: [...r.pass].sort(), skip: Object.fromEntries(Object.entries(r.skip).sort(([a], [b]) => a.localeCompare(b))) }, { lineWidth: 0 });
  return HEADER + body;
}

export function saveRatchet(path: string, r: Ratchet): void {
  writeFileSync(path, formatRatchet(r));
}

/** Judges the listed cases this run selected (`inScope`); the others are not judged. */
export function judge(r: Ratchet, results: readonly CaseResult[], inScope: (key: string) => boolean): Verdict {
  const byKey = new Map(results.map((x) => [x.key, x]));
  const regressions: Verdict['regressions'] = [];
  for (const key of r.pass) {
    if (!inScope(key)) continue;
    const res = byKey.get(key);
    if (!res) regressions.push({ key, detail: 'case not found in its file' });
    else if (res.status !== 'pass') regressions.push({ key, detail: res.status === 'skip' ? `skipped: ${res.reason}` : `failed: ${res.failure?.message ?? ''}` });
  }
  const listed = new Set(r.pass);
  const newPasses = results.filter((x) => x.status === 'pass' && !listed.has(x.key)).map((x) => x.key);
  return { regressions, newPasses };
}

/** The pass list after this run: listed cases this run did not select, plus every case that passed. */
export function updated(r: Ratchet, results: readonly CaseResult[], inScope: (key: string) => boolean): Ratchet {
  const kept = r.pass.filter((k) => !inScope(k));
  const passed = results.filter((x) => x.status === 'pass').map((x) => x.key);
  return { pass: [...new Set([...kept, ...passed])].sort(), skip: r.skip };
}

export function fileOf(key: string): string {
  const i = key.indexOf(' :: ');
  return i < 0 ? key : key.slice(0, i);
}
