/**
 * Summarises a V8 .cpuprofile of the gateway (from `BENCH_CPU_PROF=<dir> npm run bench`, or `node --cpu-prof`):
 * CPU per request split by the deepest Portcullis (`src/`) frame on each sample — that frame plus the
 * Node/undici/native code it called — and the busiest functions by self time.
 *
 *   node bench/profile.ts <file.cpuprofile> [requests served while profiling]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './lib/processes.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(profile: Profile, requests: number, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const src = `file://${REPO_ROOT}/src/`;
  const name = (cf: CallFrame) => `${cf.functionName || '(anonymous)'} ${cf.url.startsWith('file://') ? fileURLToPath(cf.url).replace(`${REPO_ROOT}/`, '') : cf.url || '(native)'}:${cf.lineNumber + 1}`;
  const deepest = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i])!;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    self.set(name(leaf.callFrame), (self.get(name(leaf.callFrame)) ?? 0) + dt);
    let found = '(no src/ frame: Node, undici, GC)';
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id)!.callFrame;
      if (cf.url.startsWith(src)) {
        found = name(cf);
        break;
      }
    }
    deepest.set(found, (deepest.get(found) ?? 0) + dt);
  }
  const per = (us: number) => `${(us / requests).toFixed(1).padStart(7)} µs/req`;
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${per(v)}  ${k}`);
  return [
    `profile: ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s; busy ${per(total - idle).trim()} over ${requests.toLocaleString('en-US')} requests (profiling inflates JS time)`,
    '--- by deepest src/ frame (with the Node/native code it called)',
    ...rows(deepest),
    '--- by self time',
    ...rows(self),
  ].join('\n');
}

if (import.meta.main) {
  const [file, requests = '1'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/profile.ts <file.cpuprofile> [requests]');
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(requests)));
}
