/**
 * Issue 14, the response check's cost: a search answered with 100 hits (`GET /bench-hits/_search?size=100`, about
 * 40 KB of JSON) by a user who may read `bench-hits*` only, against (b) the bare undici pass-through,
 * (on) Portcullis with the response check (the answer buffered, parsed once, every `_index` checked, the
 * upstream's bytes sent) and (off) the same gateway with it switched off (`portcullis.internal.bench.
 * disable_response_check`, a setting for benchmarks only: the answer is streamed unchecked). Interleaved
 * rounds as in proxy.ts; the figures are medians of rounds, the ratios paired per round. Besides, the check's
 * own work on that answer (the byte scan of its `_index` values + the decision), timed in-process.
 *
 *   node bench/response-check.ts     (starts its own OpenSearch; or set PORTCULLIS_BENCH_UPSTREAM=<url>)
 */
import { rmSync } from 'node:fs';
import { JsonClient } from './lib/http.ts';
import { cpuMs, load, type LoadResult } from './lib/load.ts';
import { basic, startBareProxy, startGateway, type Child, type Gateway } from './lib/processes.ts';
import { fmt, heading, median, table, summarize } from './lib/stats.ts';
import { PROXY_DEFAULTS, type ProxyBenchOptions } from './proxy.ts';
import { IndexMetadata } from '../src/authz/indices/metadata.ts';
import { AnswerShape, responseCheck } from '../src/authz/response-check.ts';
import { checkAnswer } from '../src/proxy/response-check.ts';

const PASSWORD = 'bench-elastic-password';
const INDEX = 'bench-hits';
const PATH = `/${INDEX}/_search?size=100`;
const USER = 'bench_hits_reader';
const USER_PASSWORD = 'bench-hits-reader-password';

interface Row {
  key: string;
  label: string;
  rounds: (LoadResult & { cpuUsPerReq: number | null })[];
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerReq: number | null;
}

export interface ResponseCheckBenchResult {
  request: string;
  answerBytes: number;
  options: ProxyBenchOptions;
  targets: Row[];
  ratios: Record<string, { paired: number; cpu: number | null }>;
  /** The check's own work per answer, in-process (µs). */
  inProcess: { mean: number; p50: number; p99: number; n: number };
  report: string;
}

export async function runResponseCheckBench(upstream: string, opts: ProxyBenchOptions = PROXY_DEFAULTS, log: (s: string) => void = console.log): Promise<ResponseCheckBenchResult> {
  await seed(upstream);
  const started: (Child | Gateway)[] = [];
  try {
    const bare = await startBareProxy(upstream);
    started.push(bare);
    const on = await startGateway({ upstream, tls: false, password: PASSWORD });
    started.push(on);
    const off = await startGateway({ upstream, tls: false, password: PASSWORD, config: 'portcullis.internal.bench.disable_response_check: true\n' });
    started.push(off);
    for (const g of [on, off]) await addReader(g.url);
    const auth = { authorization: basic(USER, USER_PASSWORD) };
    const answer = await new JsonClient(on.url, auth).ok('GET', PATH);
    if (answer.hits.hits.length !== 100) throw new Error(`expected 100 hits, got ${answer.hits.hits.length}`);

    const targets = [
      { key: 'b', label: 'bare undici proxy', url: bare.url + PATH, pid: bare.process.pid },
      { key: 'on', label: 'Portcullis, response check on', url: on.url + PATH, pid: on.process.pid },
      { key: 'off', label: 'Portcullis, response check off', url: off.url + PATH, pid: off.process.pid },
    ];
    log(`response check: GET ${PATH} as a user reading ${INDEX}* only, ${opts.connections} connections, ${opts.rounds} interleaved rounds of ${opts.durationS} s (+${opts.warmupS} s warm-up each)`);
    for (const t of targets) {
      const w = await load({ url: t.url, headers: auth, connections: opts.connections, durationS: opts.warmupS });
      if (w.non2xx > 0 || w.errors > 0) throw new Error(`${t.label}: warm-up had ${w.non2xx} non-2xx answers and ${w.errors} errors`);
    }
    const runs = new Map<string, Row['rounds']>(targets.map((t) => [t.key, []]));
    for (let r = 0; r < opts.rounds; r++) {
      for (const t of targets.map((_, i) => targets[(i + r) % targets.length])) {
        const cpu0 = cpuMs(t.pid);
        const res = await load({ url: t.url, headers: auth, connections: opts.connections, durationS: opts.durationS });
        const cpu1 = cpuMs(t.pid);
        const cpuUsPerReq = cpu0 === null || cpu1 === null || res.requests === 0 ? null : ((cpu1 - cpu0) * 1000) / res.requests;
        runs.get(t.key)!.push({ ...res, cpuUsPerReq });
        log(`  round ${r + 1} ${t.key.padEnd(3)} ${t.label.padEnd(32)} ${fmt(res.rps, 0).padStart(7)} req/s  p50 ${fmt(res.p50)} ms  p99 ${fmt(res.p99)} ms${res.non2xx || res.errors ? `  (${res.non2xx} non-2xx, ${res.errors} errors)` : ''}`);
      }
    }
    const rows: Row[] = targets.map((t) => {
      const rounds = runs.get(t.key)!;
      const cpu = rounds.map((x) => x.cpuUsPerReq).filter((x): x is number => x !== null);
      return { key: t.key, label: t.label, rounds, rps: median(rounds.map((x) => x.rps)), p50: median(rounds.map((x) => x.p50)), p99: median(rounds.map((x) => x.p99)), cpuUsPerReq: cpu.length ? median(cpu) : null };
    });
    const by = Object.fromEntries(rows.map((x) => [x.key, x]));
    const ratio = (x: string, y: string) => ({
      paired: median(by[x].rounds.map((r, i) => r.rps / by[y].rounds[i].rps)),
      cpu: by[x].cpuUsPerReq && by[y].cpuUsPerReq ? by[y].cpuUsPerReq / by[x].cpuUsPerReq : null,
    });
    const ratios = { 'on/off': ratio('on', 'off'), 'on/b': ratio('on', 'b'), 'off/b': ratio('off', 'b') };
    const body = Buffer.from(JSON.stringify(answer));
    const inProcess = await timeCheck(body);
    const cpuCost = by.on.cpuUsPerReq !== null && by.off.cpuUsPerReq !== null ? by.on.cpuUsPerReq - by.off.cpuUsPerReq : null;
    const report = [
      heading(`Response check — GET ${PATH} (100 hits, ${fmt(body.length / 1024, 1)} KiB), ${opts.connections} connections, median of ${opts.rounds} × ${opts.durationS} s`),
      table(
        ['', 'target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'req/s per round'],
        rows.map((x) => [x.key, x.label, x.rps, x.p50, x.p99, x.cpuUsPerReq === null ? '–' : fmt(x.cpuUsPerReq, 0), x.rounds.map((y) => fmt(y.rps, 0)).join(' / ')]),
      ),
      '',
      table(
        ['ratio (req/s)', 'median of per-round ratios', 'CPU per request, y ÷ x'],
        Object.entries(ratios).map(([k, v]) => [k, fmt(v.paired, 3), v.cpu === null ? '–' : fmt(v.cpu, 3)]),
      ),
      `  the check costs ${cpuCost === null ? '–' : fmt(cpuCost, 0)} µs of gateway CPU per answer (on − off); in-process, the check alone (scan, names, decision): mean ${fmt(inProcess.mean, 0)} µs, p50 ${fmt(inProcess.p50, 0)} µs, p99 ${fmt(inProcess.p99, 0)} µs`,
    ].join('\n');
    return { request: `GET ${PATH}`, answerBytes: body.length, options: opts, targets: rows, ratios, inProcess, report };
  } finally {
    for (const c of started.reverse()) {
      await c.stop();
      if ('dataDir' in c) rmSync(c.dataDir, { recursive: true, force: true });
    }
  }
}

/** 100 documents of a few fields each (a message of ~200 characters), in one shard. */
async function seed(upstream: string): Promise<void> {
  const direct = new JsonClient(upstream);
  await direct.send('DELETE', `/${INDEX}`);
  await direct.ok('PUT', `/${INDEX}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
  const lines: string[] = [];
  for (let i = 0; i < 100; i++) {
    lines.push(JSON.stringify({ index: { _id: String(i) } }));
    lines.push(JSON.stringify({ '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), host: `web-${i % 7}`, level: i % 5 ? 'info' : 'warn', status: 200 + (i % 3), bytes: 1000 + i * 37, message: `request ${i} served `.padEnd(200, 'lorem ipsum '), tags: ['bench', `t${i % 4}`] }));
  }
  const res = await fetch(`${upstream}/${INDEX}/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') + '\n' });
  const bulk = (await res.json()) as { errors: boolean };
  if (res.status !== 200 || bulk.errors) throw new Error(`seeding ${INDEX} failed (${res.status})`);
  await direct.close();
}

async function addReader(gateway: string): Promise<void> {
  const admin = new JsonClient(gateway, { authorization: basic('elastic', PASSWORD) });
  await admin.ok('PUT', `/_security/role/${USER}`, { indices: [{ names: [`${INDEX}*`], privileges: ['read'] }] });
  await admin.ok('PUT', `/_security/user/${USER}`, { password: USER_PASSWORD, roles: [USER] });
  await admin.close();
}

/** The check alone on the real answer: parse, read the names, decide (as the gateway runs it). */
async function timeCheck(body: Buffer): Promise<{ mean: number; p50: number; p99: number; n: number }> {
  const md = IndexMetadata.fromResolveIndex(1, { indices: [{ name: INDEX }] });
  const permission = { cluster: () => false, index: (_a: string, n: string) => n.startsWith(INDEX), runAs: () => false, restrictsDocumentsOrFields: () => false, roleNames: [USER] };
  const check = responseCheck({ permission, action: 'indices:data/read/search', shape: AnswerShape.search, names: [[INDEX]], metadata: md, fresh: async () => md });
  const answer = { status: 200, headers: ['content-type', 'application/json'], body };
  const n = 5_000;
  const samples = new Float64Array(n);
  for (let i = 0; i < 500; i++) await checkAnswer(check, answer, 1e9);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const v = await checkAnswer(check, answer, 1e9);
    samples[i] = (performance.now() - t0) * 1000;
    if (!v.ok) throw new Error('the benchmark answer did not pass the check');
  }
  return summarize(samples);
}

if (import.meta.main) {
  const { start } = await import('../test/support/opensearch.ts');
  const os = process.env.PORTCULLIS_BENCH_UPSTREAM ? undefined : await start({ heap: '1g' });
  try {
    const r = await runResponseCheckBench(os?.url ?? process.env.PORTCULLIS_BENCH_UPSTREAM!);
    console.log(r.report);
  } finally {
    await os?.stop();
  }
}
