// The test command (`npm test`, after `tsc --noEmit`):
//   node scripts/test.ts [PATH_OR_SUBSTRING ...] [--node-test-flag ...]
// Runs node:test in phases: first the files that need no upstream (src/**, the harness's and the support
// code's own unit tests) once; then the files that need one (test/e2e/**, and any test file that reads
// process.env.PORTCULLIS_TEST_UPSTREAM, calls upstreamFlavor() or uses support/gateway.ts) once per upstream: OpenSearch, then Elasticsearch.
// Each upstream is started for its phases (test/support/opensearch.ts, elasticsearch.ts) and stopped after;
// its URL and flavour reach the tests as PORTCULLIS_TEST_UPSTREAM and PORTCULLIS_TEST_UPSTREAM_FLAVOR.
//   PORTCULLIS_TEST_UPSTREAMS=opensearch | elasticsearch | opensearch,elasticsearch (default: both)
//   PORTCULLIS_TEST_UPSTREAM=URL   reuse a running upstream instead (e.g. from `node scripts/opensearch.ts start`);
//                                  its flavour: PORTCULLIS_TEST_UPSTREAM_FLAVOR, else what its GET / shows
// Every phase starts with a line naming it and its upstream and ends with node:test's own totals; the recap of
// the earlier phases comes before the last one, so the closing summary lines are the last phase's (CI reads
// them). The exit code is the highest of all phases. test/conformance/ holds its own command.
// Arguments that start with `-` go to `node --test` (e.g. --test-name-pattern=realm); the others keep
// only the test files whose path contains one of them (e.g. `npm test -- src/authc`).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, type LocalNode } from '../test/support/node-process.ts';
import { detectFlavor, parseFlavor, type Flavor } from '../test/support/upstream.ts';
import { parseUpstreams, planPhases, tapTotals, type Phase, type Totals } from './test-plan.ts';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-')).map((a) => path.relative(REPO_ROOT, path.resolve(a)) || '.');

const files = fs.globSync(['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'], { cwd: REPO_ROOT })
  .filter((f) => filters.length === 0 || filters.some((filter) => filter === '.' || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'src/**/*.test.ts test/**/*.test.ts'}`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => process.exit(128 + os.constants.signals[signal])); // runs the 'exit' handlers
}

const preset = process.env.PORTCULLIS_TEST_UPSTREAM;
const USES_UPSTREAM = /process\.env\.PORTCULLIS_TEST_UPSTREAM\b|upstreamFlavor\(\)|support\/gateway\.ts/;
const needsUpstream = (f: string) => f.startsWith('test/e2e/') || USES_UPSTREAM.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8'));
const upstreams: Flavor[] = !files.some(needsUpstream) ? []
  : preset ? [parseFlavor(process.env.PORTCULLIS_TEST_UPSTREAM_FLAVOR) ?? await detectFlavor(preset)]
  : parseUpstreams(process.env.PORTCULLIS_TEST_UPSTREAMS);
const phases = planPhases(files, needsUpstream, upstreams);

const LABEL = { opensearch: 'OpenSearch', elasticsearch: 'Elasticsearch' } as const satisfies Record<Flavor, string>;
const START = {
  opensearch: () => import('../test/support/opensearch.ts').then((m) => m.start()),
  elasticsearch: () => import('../test/support/elasticsearch.ts').then((m) => m.start()),
} as const satisfies Record<Flavor, () => Promise<LocalNode>>;

/** The upstream of a flavour: the preset one, or started once (and stopped when its last phase is done). */
const started = new Map<Flavor, Promise<LocalNode>>();
function upstreamOf(flavor: Flavor): Promise<{ url: string; version?: string }> {
  if (preset) return Promise.resolve({ url: preset });
  let node = started.get(flavor);
  if (!node) {
    const began = Date.now();
    node = START[flavor]();
    node.then((n) => console.log(`${LABEL[flavor]} ${n.version} at ${n.url} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`), () => {});
    started.set(flavor, node);
  }
  return node;
}
// The first upstream starts while the unit tests run.
if (phases[0]?.upstream === undefined && phases[1]?.upstream) upstreamOf(phases[1].upstream).catch(() => {});

let child: ReturnType<typeof spawn> | undefined;
process.on('exit', () => child?.kill('SIGTERM')); // a no-op once it has exited

const RUN_LIMIT_MS = Number(process.env.PORTCULLIS_TEST_RUN_LIMIT_MS ?? 30 * 60_000); // per phase
const tapDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portcullis-test-'));
process.on('exit', () => fs.rmSync(tapDir, { recursive: true, force: true }));
const done: { phase: Phase; code: number; totals: Totals | undefined }[] = [];
let code = 0;
for (const [i, phase] of phases.entries()) {
  const last = i === phases.length - 1;
  if (last && done.length > 0) recap();
  let env: NodeJS.ProcessEnv = process.env;
  let against = 'no upstream';
  if (phase.upstream) {
    const node = await upstreamOf(phase.upstream).catch((err: Error) => {
      console.error(`\n${LABEL[phase.upstream!]} could not be started: ${err.message}`);
      process.exit(1);
    });
    env = { ...process.env, PORTCULLIS_TEST_UPSTREAM: node.url, PORTCULLIS_TEST_UPSTREAM_FLAVOR: phase.upstream };
    against = `${LABEL[phase.upstream]}${node.version ? ` ${node.version}` : ''} at ${node.url}`;
  }
  console.log(`\n=== phase ${i + 1}/${phases.length}: ${phase.name} (${phase.files.length} files) against ${against}\n`);
  const tap = path.join(tapDir, `${i}.tap`);
  const c = await runPhase(phase.files, env, tap);
  code = Math.max(code, c);
  done.push({ phase, code: c, totals: tapTotals(readOr(tap)) });
  if (phase.upstream && !phases.slice(i + 1).some((p) => p.upstream === phase.upstream)) {
    const node = started.get(phase.upstream);
    started.delete(phase.upstream);
    await node?.then((n) => n.stop(), () => {});
  }
}
process.exit(code);

function runPhase(phaseFiles: readonly string[], env: NodeJS.ProcessEnv, tap: string): Promise<number> {
  // setpriv --pdeathsig: even if this process is SIGKILLed, the runner gets SIGTERM and ends its test processes.
  child = spawn('setpriv', ['--pdeathsig=TERM', '--', process.execPath,
    '--disable-warning=ExperimentalWarning',
    '--test',
    '--test-concurrency=2', // 2 cores, and the upstream beside the tests
    '--test-timeout=300000', // per test: a hung test fails instead of eating CI's 90 minutes
    // No --test-force-exit: it ended test processes before all their results were reported (tests vanished
    // from the totals). A file that never exits is caught by the per-phase limit below instead.
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`, // read back for the recap
    ...flags,
    ...phaseFiles,
  ], { cwd: REPO_ROOT, stdio: 'inherit', env });
  const running = child;
  const limit = setTimeout(() => {
    console.error(`\nthe test phase exceeded ${RUN_LIMIT_MS / 60_000} minutes (a test file left a handle open?): stopping it`);
    running.kill('SIGTERM');
  }, RUN_LIMIT_MS);
  return new Promise<number>((resolve) => running.on('exit', (x, signal) => {
    clearTimeout(limit);
    resolve(x ?? (signal ? 1 : 0));
  }));
}

function recap(): void {
  console.log('\n=== earlier phases (the last phase\'s totals close the run)');
  for (const { phase, code: c, totals } of done) {
    const t = totals ? `tests ${totals.tests}, pass ${totals.pass}, fail ${totals.fail}, cancelled ${totals.cancelled}, skipped ${totals.skipped}, todo ${totals.todo}` : 'no totals';
    console.log(`  ${phase.name}${phase.upstream ? ` against ${LABEL[phase.upstream]}` : ''}: ${t} (exit ${c})`);
  }
}

function readOr(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}
