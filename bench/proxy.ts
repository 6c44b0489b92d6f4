/**
 * Issue 2, proxy overhead: one cheap request (`GET /bench/_doc/1`, a realtime get of a small document) against
 * (a) OpenSearch directly, (b) the bare undici pass-through, (c) Portcullis over HTTP with cached Basic auth,
 * (d) Portcullis over TLS with Basic auth, (e) Portcullis with a cached API key. The targets are run
 * interleaved, in rounds (each round in a rotated order), after one warm-up run each; the report gives the
 * median of the rounds and the ratios against (b) measured in the same run, plus the CPU time the serving
 * process spent per request (from /proc), which load from elsewhere on the machine moves much less.
 *
 *   node bench/proxy.ts            (starts its own OpenSearch; or set PORTCULLIS_BENCH_UPSTREAM=<url>)
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JsonClient } from './lib/http.ts';
import { cpuMs, load, type LoadResult } from './lib/load.ts';
import { basic, startBareProxy, startGateway, type Child, type Gateway } from './lib/processes.ts';
import { fmt, heading, median, table } from './lib/stats.ts';
import { summarizeProfile } from './profile.ts';

export interface ProxyBenchOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  /** Start the plain-HTTP gateway with --cpu-prof into this dir. */
  cpuProfDir?: string;
}

export const PROXY_DEFAULTS: ProxyBenchOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationS: Number(process.env.BENCH_DURATION ?? 5),
  warmupS: Number(process.env.BENCH_WARMUP ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
};

const PASSWORD = 'bench-elastic-password';
const PATH = '/bench/_doc/1';

interface Target {
  readonly key: string;
  readonly label: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly ca?: Buffer;
  readonly pid?: number;
}

export interface TargetResult {
  key: string;
  label: string;
  rounds: (LoadResult & { cpuUsPerReq: number | null })[];
  rps: number;
  p50: number;
  p99: number;
  /** CPU time the serving process (proxy/gateway) spent per request, median of rounds (µs). */
  cpuUsPerReq: number | null;
}

export interface ProxyBenchResult {
  request: string;
  options: ProxyBenchOptions;
  targets: TargetResult[];
  /**
   * Against (b): `paired` is the median over rounds of (x / b in the same round), the figure least moved by
   * load from elsewhere on a shared machine; `ofMedians` divides the medians; `cpu` is b's CPU per request
   * over x's (how much more work x does per request, independent of throughput).
   */
  ratios: Record<string, { paired: number; ofMedians: number; cpu: number | null }>;
  report: string;
}

export async function runProxyBench(upstream: string, opts: ProxyBenchOptions = PROXY_DEFAULTS, log: (s: string) => void = console.log): Promise<ProxyBenchResult> {
  const direct = new JsonClient(upstream);
  await direct.ok('PUT', `${PATH}?refresh=true`, { title: 'portcullis benchmark', n: 1, tags: ['a', 'b'] });
  await direct.close();

  const started: (Child | Gateway)[] = [];
  try {
    const bare = await startBareProxy(upstream);
    started.push(bare);
    const plain = await startGateway({ upstream, tls: false, password: PASSWORD, nodeFlags: opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [] });
    started.push(plain);
    const tls = await startGateway({ upstream, tls: true, password: PASSWORD });
    started.push(tls);
    const ca = readFileSync(tls.caPath);

    const auth = basic('elastic', PASSWORD);
    const admin = new JsonClient(plain.url, { authorization: auth });
    const key = await admin.ok('POST', '/_security/api_key', { name: 'bench-proxy' });
    await admin.close();

    const targets: Target[] = [
      { key: 'a', label: 'OpenSearch direct', url: upstream + PATH, headers: { authorization: auth } },
      { key: 'b', label: 'bare undici proxy', url: bare.url + PATH, headers: { authorization: auth }, pid: bare.process.pid },
      { key: 'c', label: 'Portcullis HTTP, Basic (cached)', url: plain.url + PATH, headers: { authorization: auth }, pid: plain.process.pid },
      { key: 'd', label: 'Portcullis TLS, Basic (cached)', url: tls.url + PATH, headers: { authorization: auth }, ca, pid: tls.process.pid },
      { key: 'e', label: 'Portcullis HTTP, API key (cached)', url: plain.url + PATH, headers: { authorization: `ApiKey ${key.encoded}` }, pid: plain.process.pid },
    ];

    log(`proxy overhead: GET ${PATH}, ${opts.connections} connections, pipelining 1, ${opts.rounds} interleaved rounds of ${opts.durationS} s (+${opts.warmupS} s warm-up each)`);
    const served = new Map<number | undefined, number>();
    const count = (pid: number | undefined, n: number) => served.set(pid, (served.get(pid) ?? 0) + n);
    for (const t of targets) {
      const w = await load({ url: t.url, headers: t.headers, ca: t.ca, connections: opts.connections, durationS: opts.warmupS });
      if (w.non2xx > 0 || w.errors > 0) throw new Error(`${t.label}: warm-up had ${w.non2xx} non-2xx answers and ${w.errors} errors`);
      count(t.pid, w.requests);
    }
    const runs = new Map<string, TargetResult['rounds']>(targets.map((t) => [t.key, []]));
    for (let r = 0; r < opts.rounds; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const t of order) {
        const cpu0 = cpuMs(t.pid);
        const res = await load({ url: t.url, headers: t.headers, ca: t.ca, connections: opts.connections, durationS: opts.durationS });
        const cpu1 = cpuMs(t.pid);
        const cpuUsPerReq = cpu0 === null || cpu1 === null || res.requests === 0 ? null : ((cpu1 - cpu0) * 1000) / res.requests;
        runs.get(t.key)!.push({ ...res, cpuUsPerReq });
        count(t.pid, res.requests);
        log(`  round ${r + 1} ${t.key} ${t.label.padEnd(34)} ${fmt(res.rps, 0).padStart(7)} req/s  p50 ${fmt(res.p50)} ms  p99 ${fmt(res.p99)} ms${res.non2xx || res.errors ? `  (${res.non2xx} non-2xx, ${res.errors} errors)` : ''}`);
      }
    }

    const results: TargetResult[] = targets.map((t) => {
      const rounds = runs.get(t.key)!;
      const cpu = rounds.map((x) => x.cpuUsPerReq).filter((x): x is number => x !== null);
      return {
        key: t.key,
        label: t.label,
        rounds,
        rps: median(rounds.map((x) => x.rps)),
        p50: median(rounds.map((x) => x.p50)),
        p99: median(rounds.map((x) => x.p99)),
        cpuUsPerReq: cpu.length ? median(cpu) : null,
      };
    });
    const by = Object.fromEntries(results.map((x) => [x.key, x]));
    const ratios: ProxyBenchResult['ratios'] = {};
    for (const k of ['c', 'd', 'e']) {
      ratios[`${k}/b`] = {
        paired: median(by[k].rounds.map((x, i) => x.rps / by.b.rounds[i].rps)),
        ofMedians: by[k].rps / by.b.rps,
        cpu: by[k].cpuUsPerReq && by.b.cpuUsPerReq ? by.b.cpuUsPerReq / by[k].cpuUsPerReq : null,
      };
    }
    const report = [
      heading(`Proxy overhead — GET ${PATH}, ${opts.connections} connections, median of ${opts.rounds} × ${opts.durationS} s`),
      table(
        ['', 'target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'req/s per round'],
        results.map((x) => [x.key, x.label, x.rps, x.p50, x.p99, x.cpuUsPerReq === null ? '–' : fmt(x.cpuUsPerReq, 0), x.rounds.map((y) => fmt(y.rps, 0)).join(' / ')]),
      ),
      '',
      table(
        ['ratio (req/s)', 'median of per-round ratios', 'ratio of medians', 'CPU per request, b ÷ x'],
        Object.entries(ratios).map(([k, v]) => [k, fmt(v.paired, 3), fmt(v.ofMedians, 3), v.cpu === null ? '–' : fmt(v.cpu, 3)]),
      ),
      `  target c/b ≥ 0.85 (median of per-round ratios): ${ratios['c/b'].paired >= 0.85 ? 'met' : 'NOT met'}; p50/p99 have autocannon's 1 ms resolution`,
    ].join('\n');
    let profile: string | undefined;
    if (opts.cpuProfDir) {
      await plain.stop(); // writes the profile
      profile = profileSummary(opts.cpuProfDir, served.get(plain.process.pid) ?? 1);
    }
    return { request: `GET ${PATH}`, options: opts, targets: results, ratios, report: profile ? `${report}\n\nCPU profile of the HTTP gateway (c and e):\n${profile}` : report };
  } finally {
    for (const c of started.reverse()) {
      await c.stop();
      if ('dataDir' in c) rmSync(c.dataDir, { recursive: true, force: true });
    }
  }
}

if (import.meta.main) {
  const { start } = await import('../test/support/opensearch.ts');
  const os = process.env.PORTCULLIS_BENCH_UPSTREAM ? undefined : await start({ heap: '1g' });
  try {
    const r = await runProxyBench(os?.url ?? process.env.PORTCULLIS_BENCH_UPSTREAM!);
    console.log(r.report);
  } finally {
    await os?.stop();
  }
}

/** The newest .cpuprofile in dir, summarised. */
function profileSummary(dir: string, requests: number): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  if (files.length === 0) return '(no .cpuprofile written)';
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return `${newest}\n${summarizeProfile(JSON.parse(readFileSync(newest, 'utf8')), requests, 20)}`;
}
