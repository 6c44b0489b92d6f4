/**
 * `npm run conformance [-- <file or folder filter>...] [--ratchet] [--update-ratchet]`
 *
 * Runs Elastic's security YAML REST tests (shared/conformance/es-yaml) against a fresh gateway in
 * front of a fresh OpenSearch or Elasticsearch, a running gateway, or the reference Elasticsearch;
 * prints one line per case, totals per file and overall, writes a JSON report, and with --ratchet
 * fails when a case listed in the target's ratchet file (ratchet/<target>.yml) does not pass.
 * Exit codes: 0 done; 1 ratchet regression; 2 the harness itself broke.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cleanData, cleanIndices, cleanSecurity, resetReference } from './cleanup.ts';
import { clientName } from './client-call.ts';
import { ADMIN_AUTHORIZATION, GatewayStartError, startCluster, type Cluster } from './cluster.ts';
import { CLUSTER_FEATURES, clusterFacts } from './cluster-facts.ts';
import { REPO_ROOT, caseFilter, options, selectFiles, targetOf, type Options, type Target } from './options.ts';
import { SUPPORTED_FEATURES, type ClusterFacts } from './prerequisites.ts';
import { fileOf, judge, loadRatchet, saveRatchet, updated, type Verdict } from './ratchet.ts';
import { caseLine, fileLine, totals, totalsLine, writeReport, type Report } from './report.ts';
import { caseKey, runSuite, type CaseResult, type RunContext } from './runner.ts';
import { parseSuite, type Suite } from './suite.ts';

/** Each target's ratchet: its own pass list and skips (opensearch, elasticsearch: the gateway in front of it; reference). */
const ratchetFile = (target: Target) => join(import.meta.dirname, 'ratchet', `${target}.yml`);

/** Between cases: what the cluster's mode can wipe (see cleanup.ts); returns remarks. */
async function wipe(cluster: Cluster): Promise<{ notes: string[]; dirty: boolean }> {
  if (cluster.mode === 'reference') return { notes: await resetReference(cluster.client, ADMIN_AUTHORIZATION), dirty: false };
  const r = await cleanSecurity(cluster.client, ADMIN_AUTHORIZATION);
  const data = cluster.upstreamUrl ? await cleanIndices(cluster.upstreamUrl) : await cleanData(cluster.client, ADMIN_AUTHORIZATION);
  return { notes: [...r.notes, ...data], dirty: r.dirty };
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
      let restart = isolation === 'restart' && cluster.canRestart;
      if (!cluster.gatewayAlive()) {
        notes.push('the gateway process had exited; starting a fresh one');
        restart = true;
      } else if (!restart) {
        const r = await wipe(cluster);
        notes.push(...r.notes);
        if (r.dirty && cluster.canRestart) {
          notes.push('API keys remain (they can only be invalidated): fresh gateway for the next case');
          restart = true;
        }
      } else if (cluster.upstreamUrl) {
        notes.push(...(await cleanIndices(cluster.upstreamUrl)));
      }
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
  const { suites, errors } = loadSuites(opts.testsDir, files);
  const wanted = caseFilter(opts.testsDir, opts.filters);
  const runDir = mkdtempSync(join(tmpdir(), 'portcullis-conformance-'));
  const log = (line: string) => console.log(`# ${line}`);
  log(`${files.length} test file(s) from ${opts.testsDir}; scratch dir ${runDir}`);

  let cluster: Cluster | undefined;
  let down: string | null = null;
  try {
    cluster = await startCluster({ repoRoot: REPO_ROOT, runDir, harnessDir: join(opts.testsDir, '_harness'), upstream: opts.upstream, gateway: opts.gateway, reference: opts.reference, client: opts.client, log });
  } catch (e) {
    if (!(e instanceof GatewayStartError)) throw e;
    down = `the gateway did not start: ${e.message.split('\n')[0]}`;
    console.log(`# ${e.message}`);
  }
  const target = targetOf(opts, cluster?.upstreamKind);
  const RATCHET_FILE = ratchetFile(target);
  const ratchet = loadRatchet(RATCHET_FILE);
  const { facts, source } = await clusterFacts(cluster, opts.esVersion);
  log(`target ${target} (ratchet ${relative(REPO_ROOT, RATCHET_FILE)}); ${cluster ? clientName(cluster.client) : ''}`);
  log(`assuming Elasticsearch ${facts.version.join('.')} (${source}); admin realm: ${cluster?.adminRealm ?? 'n/a'}`);

  const results: CaseResult[] = [];
  const fileReports: Report['files'] = [];
  try {
    const ctx = cluster ? runContext(cluster, facts, ratchet.skip, opts.isolation) : undefined;
    for (const file of files) {
      const t0 = Date.now();
      const found = suites.find((s) => s.file === file);
      const suite = found && { ...found, tests: found.tests.filter((t) => wanted(caseKey(file, t.name))) };
      let fileResults: CaseResult[];
      if (!suite) {
        fileResults = [{ file, name: '(file)', key: caseKey(file, '(file)'), status: 'fail', failure: { section: 'setup', line: 0, step: 'parse', message: errors.get(file) ?? 'not parsed' }, durationMs: 0 }];
        fileResults.forEach((r) => console.log(caseLine(r)));
      } else if (ctx) {
        fileResults = await runSuite(suite, ctx, (r) => {
          console.log(caseLine(r));
          for (const n of r.notes ?? []) if (!n.startsWith('API keys remain')) console.log(`#   note: ${n}`);
        });
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
  const inScope = (key: string) => ranFiles.has(fileOf(key)) && wanted(key);
  let verdict: Verdict | undefined;
  let exit = 0;
  if (opts.ratchet || opts.updateRatchet) verdict = judge(ratchet, results, inScope);
  if (verdict) {
    const [lost, gained] = opts.updateRatchet ? ['RATCHET DROP', 'RATCHET ADD'] : ['RATCHET REGRESSION', 'NEW PASS (add to ratchet)'];
    for (const r of verdict.regressions) console.log(`${lost} ${r.key} — ${r.detail.split('\n')[0]}`);
    for (const k of verdict.newPasses) console.log(`${gained} ${k}`);
    if (opts.ratchet && verdict.regressions.length) exit = 1;
  }
  if (opts.updateRatchet) {
    const next = updated(ratchet, results, inScope);
    saveRatchet(RATCHET_FILE, next);
    log(`${relative(REPO_ROOT, RATCHET_FILE)}: ${next.pass.length} pass case(s) (was ${ratchet.pass.length}), ${Object.keys(next.skip).length} skip(s)`);
  }
  const finished = new Date();
  const reportFile = opts.reportFile ?? join(import.meta.dirname, `report.${target}.json`);
  writeReport(reportFile, {
    started: started.toISOString(),
    finished: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    command: process.argv.slice(2),
    cluster: {
      target,
      mode: cluster?.mode ?? null,
      client: opts.client,
      esVersion: facts.version.join('.'),
      esVersionSource: source,
      clusterFeatures: [...CLUSTER_FEATURES],
      runnerFeatures: SUPPORTED_FEATURES,
      gateway: cluster?.gatewayUrl ?? null,
      gatewayDown: down,
      upstream: cluster?.upstreamUrl ?? opts.upstream.url ?? null,
      upstreamKind: cluster?.upstreamKind ?? opts.upstream.kind ?? null,
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
  log(`report: ${relative(process.cwd(), reportFile)}${opts.keep ? `; scratch dir kept: ${runDir}` : ''}`);
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
