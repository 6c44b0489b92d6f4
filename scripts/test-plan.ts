// The pure part of scripts/test.ts: which upstreams, which phases in which order, and a phase's totals.

import { FLAVORS, type Flavor } from '../test/support/node-process.ts';

export type Phase = { name: string; upstream: Flavor | undefined; files: readonly string[] };
export type Totals = { tests: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number };

// The canary suite's restricted users may create, change and delete any `logs-*` index (that is what they are
// allowed), which other files use too: against each upstream it runs alone, first.
export const ALONE: readonly string[] = ['test/e2e/canary.test.ts'];

/** PORTCULLIS_TEST_UPSTREAMS: a comma-separated list of flavours, in the order given; default both. */
export function parseUpstreams(value: string | undefined): Flavor[] {
  if (value === undefined || value.trim() === '') return [...FLAVORS];
  const out: Flavor[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!(FLAVORS as readonly string[]).includes(part)) {
      throw new Error(`PORTCULLIS_TEST_UPSTREAMS: unknown upstream ${JSON.stringify(part)} (expected ${FLAVORS.join(', ')})`);
    }
    if (!out.includes(part as Flavor)) out.push(part as Flavor);
  }
  if (out.length === 0) throw new Error('PORTCULLIS_TEST_UPSTREAMS names no upstream');
  return out;
}

/** Unit files once (no upstream), then per upstream: the files run alone, then the other upstream files. */
export function planPhases(files: readonly string[], needsUpstream: (f: string) => boolean, upstreams: readonly Flavor[]): Phase[] {
  const unit = files.filter((f) => !needsUpstream(f));
  const withUpstream = files.filter(needsUpstream);
  const alone = withUpstream.filter((f) => ALONE.includes(f));
  const rest = withUpstream.filter((f) => !ALONE.includes(f));
  const phases: Phase[] = [{ name: 'unit', upstream: undefined, files: unit }];
  for (const upstream of withUpstream.length > 0 ? upstreams : []) {
    phases.push({ name: 'canary (alone)', upstream, files: alone }, { name: 'e2e', upstream, files: rest });
  }
  return phases.filter((p) => p.files.length > 0);
}

/** The closing `# tests N` … `# todo N` lines of a TAP report, or undefined when it has none. */
export function tapTotals(tap: string): Totals | undefined {
  const read = (key: string) => {
    const all = [...tap.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length > 0 ? Number(all[all.length - 1][1]) : undefined;
  };
  const tests = read('tests');
  if (tests === undefined) return undefined;
  return { tests, pass: read('pass') ?? 0, fail: read('fail') ?? 0, cancelled: read('cancelled') ?? 0, skipped: read('skipped') ?? 0, todo: read('todo') ?? 0 };
}
