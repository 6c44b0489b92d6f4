/**
 * `npm run conformance [-- <file or folder filter>...] [--ratchet] [--update-ratchet]`
 *
 * Runs Elastic's security YAML REST tests (shared/conformance/es-yaml) against a fresh OpenSearch
 * and a fresh gateway; prints one line per case, totals per file and overall, writes a JSON report,
 * and with --ratchet fails when a case listed in ratchet.yml does not pass.
 * Exit codes: 0 done; 1 ratchet regression; 2 the harness itself broke.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanIndices, cleanSecurity } from './cleanup.ts';
import { ADMIN_AUTHORIZATION, GatewayStartError, startCluster, type Cluster } from './cluster.ts';
import { SUPPORTED_FEATURES, parseVersion, type Capability, type ClusterFacts, type Version } from './prerequisites.ts';
import { judge, loadRatchet, saveRatchet, updated, type Verdict } from './ratchet.ts';
import { caseLine, fileLine, totals, totalsLine, writeReport, type Report } from './report.ts';
import { caseKey, runSuite, type CaseResult, type RunContext } from './runner.ts';
import { parseSuite, type Suite } from './suite.ts';
import { isMap } from './values.ts';

const HERE = import.meta.dirname;
const REPO_ROOT = resolve(HERE, '../..');
const RATCHET_FILE = join(HERE, 'ratchet.yml');
/** Used when the gateway's `GET /` does not report an Elasticsearch version (7.x to 9.x). */
const DEFAULT_ES_VERSION = '9.0.0';
/** Named cluster features the gateway is taken to have (besides synthetic gte_vX.Y.Z): none yet. */
const CLUSTER_FEATURES: ReadonlySet<string> = new Set();

const USAGE = `usage: npm run conformance -- [filter...] [options]
  filter                 test file or folder, relative to the tests dir (e.g. api_key, users/10_basic.yml)
  --ratchet              exit 1 if a case listed in ratchet.yml does not pass
  --update-ratchet       rewrite ratchet.yml's pass list from this run (skip reasons are kept)
  --isolation MODE       auto (default): clean up through the API, fresh gateway when API keys remain
                         restart: fresh gateway after every case
  --upstream URL         use a running OpenSearch instead of starting one
  --gateway URL          use a running gateway (implies no restarts)
  --es-version X.Y.Z     the Elasticsearch version to assume for skip/requires
  --tests DIR            the es-yaml tests dir (default ../shared/conformance/es-yaml)
  --report FILE          JSON report (default test/conformance/report.json)
  --keep                 keep the run's scratch dir (config, data, gateway logs)`;

interface Options {
  filters: string[];
  ratchet: boolean;
  updateRatchet: boolean;
  isolation: 'auto' | 'restart';
  upstream?: string;
  gateway?: string;
  esVersion?: string;
  testsDir: string;
  reportFile: string;
  keep: boolean;
}

function options(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ratchet: { type: 'boolean', default: false },
      'update-ratchet': { type: 'boolean', default: false },
      isolation: { type: 'string', default: 'auto' },
      upstream: { type: 'string' },
      gateway: { type: 'string' },
      'es-version': { type: 'string' },
      tests: { type: 'string' },
      report: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.isolation !== 'auto' && values.isolation !== 'restart') throw new Error(`--isolation must be auto or restart\n${USAGE}`);
  return {
    filters: positionals,
    ratchet: values.ratchet,
    updateRatchet: values['update-ratchet'],
    isolation: values.isolation,
    upstream: values.upstream,
    gateway: values.gateway,
    esVersion: values['es-version'],
    testsDir: resolve(values.tests ?? process.env.CONFORMANCE_TESTS_DIR ?? join(REPO_ROOT, '../shared/conformance/es-yaml')),
    reportFile: resolve(values.report ?? join(HERE, 'report.json')),
    keep: values.keep,
  };
}

/** Test files under `dir` (not `_harness/`), relative with `/`, sorted, kept when a filter names them or a folder of theirs. */
export function selectFiles(dir: string, filters: readonly string[]): string[] {
  const all = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.yml') && !f.startsWith('_harness/'))
    .sort();
  if (filters.length === 0) return all;
  const wanted = filters.map((f) => {
    const abs = resolve(f);
    const rel = abs.startsWith(dir) ? relative(dir, abs).split(sep).join('/') : f.replace(/^\.\//, '');
    return rel.replace(/\/+$/, '');
  });
  return all.filter((f) => wanted.some((w) => w === '' || f === w || f.startsWith(`${w}/`) || (!w.includes('/') && f.includes(w))));
}

async function clusterFacts(cluster: Cluster | undefined, override: string | undefined): Promise<{ facts: ClusterFacts; source: string }> {
  const make = (version: Version, source: string) => ({
    source,
    facts: { version, features: CLUSTER_FEATURES, hasCapability: (c: Capability) => (cluster ? hasCapability(cluster, c) : Promise.resolve(false)) },
  });
  if (override) {
    const v = parseVersion(override);
    if (!v) throw new Error(`--es-version: cannot parse [${override}]`);
    return make(v, '--es-version');
  }
  const fallback = parseVersion(DEFAULT_ES_VERSION)!;
  if (!cluster) return make(fallback, 'default (no cluster)');
  try {
    const r = await cluster.client.transport.request({ method: 'GET', path: '/' }, { headers: { authorization: ADMIN_AUTHORIZATION }, meta: true });
    const number = isMap(r.body) && isMap(r.body.version) ? String(r.body.version.number) : '';
    const v = parseVersion(number);
    if (v && v[0] >= 7 && v[0] <= 9) return make(v, `GET / (version.number ${number})`);
    return make(fallback, `default: GET / reported version [${number || 'none'}], not an Elasticsearch 7-9 version`);
  } catch (e) {
    return make(fallback, `default: GET / failed (${(e as Error).message.split('\n')[0]})`);
  }
}

async function hasCapability(cluster: Cluster, c: Capability): Promise<boolean> {
  const querystring: Record<string, string> = { path: c.path, method: c.method ?? 'GET' };
  if (c.parameters) querystring.parameters = c.parameters.join(',');
  if (c.capabilities) querystring.capabilities = c.capabilities.join(',');
  try {
    const r = await cluster.client.transport.request({ method: 'GET', path: '/_capabilities', querystring }, { headers: { authorization: ADMIN_AUTHORIZATION }, meta: true });
    return isMap(r.body) && r.body.supported === true;
  } catch {
    return false;
  }
}

function runContext(cluster: Cluster, facts: ClusterFacts, ratchetSkip: Record<string, string>, isolation: Options['isolation']): RunContext {
  let down: string | null = null;
  return {
    get client() {
      return cluster.client;
    },
    adminAuthorization: ADMIN_AUTHORIZATION,
    facts,
    ratchetSkip: (key) => ratchetSkip[key],
    unavailable: () => down,
    async afterCase() {
      const notes: string[] = [];
      let restart = isolation === 'restart';
      if (!cluster.gatewayAlive()) {
        notes.push('the gateway process had exited; starting a fresh one');
        restart = true;
      } else if (!restart) {
        const r = await cleanSecurity(cluster.client, ADMIN_AUTHORIZATION);
        notes.push(...r.notes);
        if (r.dirty && cluster.canRestart) {
          notes.push('API keys remain (they can only be invalidated): fresh gateway for the next case');
          restart = true;
        }
      }
      if (cluster.upstreamUrl) notes.push(...(await cleanIndices(cluster.upstreamUrl)));
      if (restart && cluster.canRestart) {
        try {
          await cluster.restartGateway();
        } catch (e) {
          down = `the gateway could not be restarted: ${(e as Error).message.split('\n')[0]}`;
        }
      }
      return notes;
    },
  };
}

function loadSuites(testsDir: string, files: string[]): { suites: Suite[]; errors: Map<string, string> } {
  const suites: Suite[] = [];
  const errors = new Map<string, string>();
  for (const file of files) {
    try {
      suites.push(parseSuite(file, readFileSync(join(testsDir, file), 'utf8')));
    } catch (e) {
      errors.set(file, (e as Error).message);
    }
  }
  return { suites, errors };
}

async function main(): Promise<number> {
  const started = new Date();
  const opts = options(process.argv.slice(2));
  if (!statSync(opts.testsDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`tests dir not found: ${opts.testsDir}`);
  const files = selectFiles(opts.testsDir, opts.filters);
  if (files.length === 0) throw new Error(`no test file matches [${opts.filters.join(' ')}] in ${opts.testsDir}`);
  const ratchet = loadRatchet(RATCHET_FILE);
  const { suites, errors } = loadSuites(opts.testsDir, files);
  const runDir = mkdtempSync(join(tmpdir(), 'portcullis-conformance-'));
  const log = (line: string) => console.log(`# ${line}`);
  log(`${files.length} test file(s) from ${opts.testsDir}; scratch dir ${runDir}`);

  let cluster: Cluster | undefined;
  let down: string | null = null;
  try {
    cluster = await startCluster({ repoRoot: REPO_ROOT, runDir, harnessDir: join(opts.testsDir, '_harness'), upstream: opts.upstream, gateway: opts.gateway, log });
  } catch (e) {
    if (!(e instanceof GatewayStartError)) throw e;
    down = `the gateway did not start: ${e.message.split('\n')[0]}`;
    console.log(`# ${e.message}`);
  }
  const { facts, source } = await clusterFacts(cluster, opts.esVersion);
  log(`assuming Elasticsearch ${facts.version.join('.')} (${source}); admin realm: ${cluster?.adminRealm ?? 'n/a'}`);

  const results: CaseResult[] = [];
  const fileReports: Report['files'] = [];
  try {
    const ctx = cluster ? runContext(cluster, facts, ratchet.skip, opts.isolation) : undefined;
    for (const file of files) {
      const t0 = Date.now();
      const suite = suites.find((s) => s.file === file);
      let fileResults: CaseResult[];
      if (!suite) {
        fileResults = [{ file, name: '(file)', key: caseKey(file, '(file)'), status: 'fail', failure: { section: 'setup', line: 0, step: 'parse', message: errors.get(file) ?? 'not parsed' }, durationMs: 0 }];
        fileResults.forEach((r) => console.log(caseLine(r)));
      } else if (ctx) {
        fileResults = await runSuite(suite, ctx, (r) => console.log(caseLine(r)));
      } else {
        fileResults = suite.tests.map((t) => unavailableResult(file, t.name, ratchet.skip, down!));
        fileResults.forEach((r) => console.log(caseLine(r)));
      }
      results.push(...fileResults);
      const ms = Date.now() - t0;
      console.log(fileLine(file, totals(fileResults), ms));
      fileReports.push({ file, totals: totals(fileResults), durationMs: ms, ...(errors.has(file) ? { error: errors.get(file) } : {}) });
    }
  } finally {
    await cluster?.stop();
  }

  const ranFiles = new Set(files);
  let verdict: Verdict | undefined;
  let exit = 0;
  if (opts.ratchet || opts.updateRatchet) verdict = judge(ratchet, results, ranFiles);
  if (verdict) {
    const [lost, gained] = opts.updateRatchet ? ['RATCHET DROP', 'RATCHET ADD'] : ['RATCHET REGRESSION', 'NEW PASS (add to ratchet)'];
    for (const r of verdict.regressions) console.log(`${lost} ${r.key} — ${r.detail.split('\n')[0]}`);
    for (const k of verdict.newPasses) console.log(`${gained} ${k}`);
    if (opts.ratchet && verdict.regressions.length) exit = 1;
  }
  if (opts.updateRatchet) {
    const next = updated(ratchet, results, ranFiles);
    saveRatchet(RATCHET_FILE, next);
    log(`ratchet.yml: ${next.pass.length} pass case(s) (was ${ratchet.pass.length}), ${Object.keys(next.skip).length} skip(s)`);
  }
  const finished = new Date();
  writeReport(opts.reportFile, {
    started: started.toISOString(),
    finished: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    command: process.argv.slice(2),
    cluster: {
      esVersion: facts.version.join('.'),
      esVersionSource: source,
      clusterFeatures: [...CLUSTER_FEATURES],
      runnerFeatures: SUPPORTED_FEATURES,
      gateway: cluster?.gatewayUrl ?? null,
      gatewayDown: down,
      upstream: cluster?.upstreamUrl ?? opts.upstream ?? null,
      adminRealm: cluster?.adminRealm ?? null,
      isolation: opts.isolation,
      scratchDir: opts.keep ? runDir : null,
      gatewayLogs: opts.keep ? cluster?.gatewayLogs ?? [] : [],
    },
    totals: totals(results),
    ...(verdict ? { ratchet: { ...verdict, file: relative(REPO_ROOT, RATCHET_FILE) } } : {}),
    files: fileReports,
    cases: results,
  });
  log(`report: ${relative(process.cwd(), opts.reportFile)}${opts.keep ? `; scratch dir kept: ${runDir}` : ''}`);
  if (!opts.keep) rmSync(runDir, { recursive: true, force: true });
  console.log(totalsLine(totals(results)));
  return exit;
}

function unavailableResult(file: string, name: string, skips: Record<string, string>, down: string): CaseResult {
  const key = caseKey(file, name);
  if (skips[key] !== undefined) return { file, name, key, status: 'skip', reason: `ratchet: ${skips[key]}`, durationMs: 0 };
  return { file, name, key, status: 'fail', failure: { section: 'setup', line: 0, step: 'cluster', message: down }, durationMs: 0 };
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`conformance harness error: ${(e as Error)?.stack ?? String(e)}`);
      process.exit(2);
    },
  );
}
