// The bounded canary run of `npm test` (a fixed seed and sample; `npm run fuzz` runs longer ones): restricted
// principals send requests generated from the official clients' endpoint tables with dangerous parameters
// and bodies; no answer may carry a canary, name a foreign index or be a gateway 5xx, and the secret side
// must stay unchanged. Every finding is listed in the failure message (endpoint, request, what leaked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upstreamUrl } from '../support/gateway.ts';
import { formatReport, runCanary, writeReport } from './canary/run.ts';

const SEED = 14;
const COUNT = Number(process.env.PORTCULLIS_CANARY_COUNT ?? 1000);
const TIME_LIMIT_MS = Number(process.env.PORTCULLIS_CANARY_TIME_MS ?? 100_000);

test(`canary suite: seed ${SEED}, ${COUNT} generated requests, nothing of the secret side leaks or changes`, { timeout: TIME_LIMIT_MS + 120_000 }, async () => {
  const result = await runCanary({ upstream: upstreamUrl(), seed: SEED, count: COUNT, timeLimitMs: TIME_LIMIT_MS });
  const report = formatReport(result);
  const file = writeReport(result);
  console.log(report);
  assert.ok(result.sent >= Math.min(COUNT, 200), `only ${result.sent} requests were sent in the time limit`);
  assert.equal(result.findings.length, 0, `${report}\n(report: ${file})`);
});
