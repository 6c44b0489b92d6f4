/**
 * `npm run bench`: every benchmark in one run, printed as tables and written to bench/results/latest.json.
 *
 *   1. proxy overhead: OpenSearch direct, bare undici proxy, Portcullis HTTP/TLS/API key, side by side (proxy.ts)
 *   2. API keys at a million: ApiKeyAuthenticator against 1,000,000 stored keys, and memory (api-keys.ts)
 *   3. `_query/api_key` over the same million keys through a gateway (query-api-keys.ts)
 *   4. authorization decisions (authz.ts, when present)
 *   5. the response check's cost on a search answered with 100 hits (response-check.ts)
 *
 * Knobs (environment): BENCH_ROUNDS (5), BENCH_DURATION (5 s), BENCH_WARMUP (3 s), BENCH_CONNECTIONS (50),
 * BENCH_API_KEYS (1000000), BENCH_QUERY_RUNS (7), BENCH_CPU_PROF=<dir> (profile the HTTP gateway),
 * BENCH_SKIP=proxy,keys,query,authz,response, PORTCULLIS_BENCH_UPSTREAM=<url> (use a running OpenSearch).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { start, type OpenSearch, OPENSEARCH_VERSION } from '../test/support/opensearch.ts';
import { PROXY_DEFAULTS, runProxyBench, type ProxyBenchResult } from './proxy.ts';
import { RESULT_MARKER, TOTAL_KEYS, type BuildResult, type MeasureResult } from './api-keys.ts';
import { runQueryBench, type QueryBenchResult } from './query-api-keys.ts';
import { runResponseCheckBench, type ResponseCheckBenchResult } from './response-check.ts';
import { REPO_ROOT } from './lib/processes.ts';
import { fmt, heading, mib } from './lib/stats.ts';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
const say = (s: string) => console.log(s);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => process.exit(128 + os.constants.signals[signal])); // runs the 'exit' handlers (children, OpenSearch)
}

interface Results {
  startedAt: string;
  machine: Record<string, unknown>;
  phases: Record<string, number>;
  proxy?: Omit<ProxyBenchResult, 'report'> | { error: string };
  apiKeys?: { build: BuildResult; measure: Omit<MeasureResult, 'report'> } | { error: string };
  queryApiKeys?: Omit<QueryBenchResult, 'report'> | { error: string };
  authz?: { exitCode: number | null; output: string } | { skipped: string };
  responseCheck?: Omit<ResponseCheckBenchResult, 'report'> | { error: string };
}

const results: Results = {
  startedAt: new Date(began).toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryBytes: os.totalmem(),
    node: process.version,
    opensearch: OPENSEARCH_VERSION,
    loadAverageAtStart: os.loadavg(),
  },
  phases: {},
};
const reports: string[] = [];

async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    results.phases[name] = (Date.now() - t0) / 1000;
  }
}

/** Runs a bench script in its own node process; its last `@@bench-result` line is the JSON result. */
function child<T>(args: string[], flags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn('setpriv', ['--pdeathsig=TERM', '--', process.execPath, '--disable-warning=ExperimentalWarning', ...flags, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout!.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.split('\n').findLast((l) => l.startsWith(RESULT_MARKER));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
      else reject(new Error(`${args.join(' ')} exited with ${code}\n${out.slice(-2000)}`));
    });
  });
}

function errorOf(e: unknown): { error: string } {
  const message = e instanceof Error ? e.message : String(e);
  say(`  FAILED: ${message}`);
  return { error: message };
}

const keysDir = mkdtempSync(join(os.tmpdir(), 'portcullis-bench-keys-'));
let opensearch: OpenSearch | undefined;
try {
  say(`Portcullis benchmarks — ${os.cpus().length} cores, ${mib(os.totalmem())}, node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const needKeys = !skip.has('keys') || !skip.has('query');
  // OpenSearch's start and the million-key build overlap: nothing is measured yet.
  const upstreamUrl = process.env.PORTCULLIS_BENCH_UPSTREAM;
  const [os_, built] = await Promise.all([
    upstreamUrl ? undefined : phase('opensearch start', () => start({ heap: '1g' })),
    needKeys ? phase('api keys build', () => child<BuildResult>(['bench/api-keys.ts', 'build', keysDir])) : undefined,
  ]);
  opensearch = os_;
  const upstream = upstreamUrl ?? opensearch!.url;
  say(`OpenSearch ${OPENSEARCH_VERSION} at ${upstream}${opensearch ? ` (started in ${fmt(results.phases['opensearch start'], 1)} s)` : ''}`);
  if (built) say(`${built.keys.toLocaleString('en-US')} API keys written in ${fmt(built.insertSeconds, 1)} s (one transaction; ${mib(built.dbBytes)} SQLite file) [${elapsed()}]`);

  if (!skip.has('proxy')) {
    say(heading('1. Proxy overhead'));
    try {
      const r = await phase('proxy', () => runProxyBench(upstream, PROXY_DEFAULTS, say));
      const { report, ...rest } = r;
      results.proxy = rest;
      reports.push(report);
      say(report);
    } catch (e) {
      results.proxy = errorOf(e);
    }
    say(`[${elapsed()}]`);
  }

  if (!skip.has('keys') && built) {
    say(heading(`2. API keys at ${TOTAL_KEYS.toLocaleString('en-US')}`));
    try {
      const m = await phase('api keys measure', () => child<MeasureResult>(['bench/api-keys.ts', 'measure', keysDir], ['--expose-gc']));
      const { report, ...rest } = m;
      results.apiKeys = { build: built, measure: rest };
      reports.push(report);
      say(report);
    } catch (e) {
      results.apiKeys = errorOf(e);
    }
    say(`[${elapsed()}]`);
  }

  if (!skip.has('query') && built) {
    say(heading('3. _query/api_key'));
    try {
      const q = await phase('query api keys', () => runQueryBench(keysDir, upstream));
      const { report, ...rest } = q;
      results.queryApiKeys = rest;
      reports.push(report);
      say(report);
    } catch (e) {
      results.queryApiKeys = errorOf(e);
    }
    say(`[${elapsed()}]`);
  }

  if (!skip.has('authz')) {
    const script = join(REPO_ROOT, 'bench/authz.ts');
    if (existsSync(script)) {
      say(heading('4. Authorization (bench/authz.ts)'));
      results.authz = await phase('authz', () => runAuthz(script, upstream));
      reports.push(results.authz.output);
      say(`[${elapsed()}]`);
    } else results.authz = { skipped: 'bench/authz.ts does not exist' };
  }

  if (!skip.has('response')) {
    say(heading('5. Response check'));
    try {
      const r = await phase('response check', () => runResponseCheckBench(upstream, PROXY_DEFAULTS, say));
      const { report, ...rest } = r;
      results.responseCheck = rest;
      reports.push(report);
      say(report);
    } catch (e) {
      results.responseCheck = errorOf(e);
    }
    say(`[${elapsed()}]`);
  }
} finally {
  results.machine.loadAverageAtEnd = os.loadavg();
  results.phases.total = (Date.now() - began) / 1000;
  mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench/results/latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(REPO_ROOT, 'bench/results/latest.txt'), reports.join('\n\n') + '\n');
  rmSync(keysDir, { recursive: true, force: true });
  await opensearch?.stop();
  say(`\nresults: bench/results/latest.json (and latest.txt); total ${elapsed()}`);
}

/** bench/authz.ts as its own process; its output is shown and kept as is. */
function runAuthz(script: string, upstream: string): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const p = spawn('setpriv', ['--pdeathsig=TERM', '--', process.execPath, '--disable-warning=ExperimentalWarning', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORTCULLIS_BENCH_UPSTREAM: upstream },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (d: Buffer) => {
      output += d;
      process.stdout.write(d);
    };
    p.stdout!.on('data', take);
    p.stderr!.on('data', take);
    p.on('exit', (code) => resolve({ exitCode: code, output }));
    p.on('error', (e) => resolve({ exitCode: null, output: output + String(e) }));
  });
}
