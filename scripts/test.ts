// The test command (`npm test`, after `tsc --noEmit`):
//   node scripts/test.ts [PATH_OR_SUBSTRING ...] [--node-test-flag ...]
// Starts ONE OpenSearch for the whole run and gives its URL to every test process as
// PORTCULLIS_TEST_UPSTREAM (an already set PORTCULLIS_TEST_UPSTREAM is reused, e.g. from
// `node scripts/opensearch.ts start`), runs node:test over src/**/*.test.ts and test/**/*.test.ts
// (test/conformance/ holds its own command; only its unit tests run here), stops OpenSearch, and exits with the tests' code.
// Arguments that start with `-` go to `node --test` (e.g. --test-name-pattern=realm); the others keep
// only the test files whose path contains one of them (e.g. `npm test -- src/authc`).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, start, type OpenSearch } from '../test/support/opensearch.ts';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-')).map((a) => path.relative(REPO_ROOT, path.resolve(a)) || '.');

const files = fs.globSync(['src/**/*.test.ts', 'test/**/*.test.ts'], { cwd: REPO_ROOT })
  .filter((f) => !f.startsWith('test/conformance/') || f.endsWith('.test.ts')) // the harness's own unit tests run here
  .filter((f) => filters.length === 0 || filters.some((filter) => filter === '.' || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ') || 'src/**/*.test.ts test/**/*.test.ts'}`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => process.exit(128 + os.constants.signals[signal])); // runs the 'exit' handlers
}

let upstream: OpenSearch | undefined; // stopped by its own 'exit' handler if we die early
if (!process.env.PORTCULLIS_TEST_UPSTREAM) {
  const began = Date.now();
  upstream = await start();
  console.log(`OpenSearch ${upstream.url} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}
const url = upstream?.url ?? process.env.PORTCULLIS_TEST_UPSTREAM;

// The canary suite's restricted users may create, change and delete any `logs-*` index (that is what they are
// allowed), which other files use too: it runs alone, first, so the closing summary is the rest's.
const ALONE = ['test/e2e/canary.test.ts'];
const phases = [files.filter((f) => ALONE.includes(f)), files.filter((f) => !ALONE.includes(f))].filter((p) => p.length > 0);

let child: ReturnType<typeof spawn> | undefined;
process.on('exit', () => child?.kill('SIGTERM')); // a no-op once it has exited

const RUN_LIMIT_MS = Number(process.env.PORTCULLIS_TEST_RUN_LIMIT_MS ?? 30 * 60_000);
const limit = setTimeout(() => {
  console.error(`\nthe test run exceeded ${RUN_LIMIT_MS / 60_000} minutes (a test file left a handle open?): stopping it`);
  child?.kill('SIGTERM');
}, RUN_LIMIT_MS);
let code = 0;
for (const phase of phases) {
  // setpriv --pdeathsig: even if this process is SIGKILLed, the runner gets SIGTERM and ends its test processes.
  child = spawn('setpriv', ['--pdeathsig=TERM', '--', process.execPath,
    '--disable-warning=ExperimentalWarning',
    '--test',
    '--test-concurrency=2', // 2 cores, and OpenSearch beside the tests
    '--test-timeout=300000', // per test: a hung test fails instead of eating CI's 90 minutes
    // No --test-force-exit: it ended test processes before all their results were reported (tests vanished
    // from the totals). A file that never exits is caught by the whole-run limit below instead.
    '--test-reporter=spec',
    ...flags,
    ...phase,
  ], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, PORTCULLIS_TEST_UPSTREAM: url } });
  const running = child;
  const c = await new Promise<number>((resolve) => running.on('exit', (x, signal) => resolve(x ?? (signal ? 1 : 0))));
  code = Math.max(code, c);
}
clearTimeout(limit);
await upstream?.stop();
process.exit(code);
