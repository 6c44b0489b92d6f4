// The differential test: one sequence of _security requests (test/differential/steps*.ts) sent to a reference
// Elasticsearch 9.1.5 with its own security (shared/tools/es-ref.sh, started here in its own DIR and stopped
// at the end unless it was already running) and to a gateway in front of PORTCULLIS_TEST_UPSTREAM, with the
// same credentials on both sides. Status, fields, types, deterministic values and error types and reasons
// must be identical, except the differences listed in docs/differences.md, each with its reason.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge, readListed } from '../differential/differences.ts';
import { renderReport } from '../differential/report.ts';
import { runSteps } from '../differential/runner.ts';
import { ES_REF_SCRIPT, startDiffGateway, startReference, stopReference } from '../differential/setup.ts';
import { STEPS } from '../differential/steps.ts';
import { upstreamUrl, type Gateway } from '../support/gateway.ts';

const ES_DIR = process.env.PORTCULLIS_DIFF_ES_DIR ?? '/tmp/es-ref-diff';
const DIFFERENCES = join(import.meta.dirname, '../../docs/differences.md');
const missing = existsSync(ES_REF_SCRIPT) ? undefined : `the reference Elasticsearch script ${ES_REF_SCRIPT} is not on this machine (set ES_REF_SCRIPT)`;

function alreadyRunning(): boolean {
  try {
    execFileSync('bash', [ES_REF_SCRIPT, 'url', ES_DIR], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('differential: the gateway answers as Elasticsearch', { skip: missing }, () => {
  let reference: string;
  let gateway: Gateway;
  let started = false;
  before(async () => {
    started = !alreadyRunning();
    reference = startReference(ES_DIR);
    gateway = await startDiffGateway(upstreamUrl());
  });
  after(async () => {
    await gateway?.stop();
    gateway?.cleanup();
    if (started) stopReference(ES_DIR);
  });

  it(`${STEPS.length} requests: identical but for the listed differences`, async (t) => {
    const listed = readListed(DIFFERENCES);
    const results = await runSteps(STEPS, reference, gateway.url);
    const verdict = judge(results, listed);
    const report = renderReport(results, verdict, listed);
    const file = join(tmpdir(), 'portcullis-differential-report.txt');
    writeFileSync(file, report);
    t.diagnostic(`${report.split('\n')[0]} (report: ${file})`);
    assert.ok(results.length >= 200, `only ${results.length} requests`);
    assert.ok(results.every((r) => r.reference.status !== 0 && r.gateway.status !== 0), 'a side did not answer');
    assert.deepEqual(verdict.unlisted, [], report);
  });
});
