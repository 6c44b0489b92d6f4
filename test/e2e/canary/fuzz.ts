// `npm run fuzz -- [--seed N] [--count N] [--time SECONDS] [--replay I]`: a longer canary run (see run.ts).
// Uses PORTCULLIS_TEST_UPSTREAM when set, else starts its own OpenSearch. Prints the seed first, every
// finding as it happens and a grouped report at the end (also written to .cache/canary/); exits 1 on a finding.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { start } from '../../support/opensearch.ts';
import { formatReport, runCanary, writeReport } from './run.ts';

const { values } = parseArgs({ options: {
  seed: { type: 'string' }, count: { type: 'string', default: '3000' }, time: { type: 'string', default: '600' }, replay: { type: 'string' },
} });
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
const count = Number(values.count);
const timeLimitMs = Number(values.time) * 1000;
if (![seed, count, timeLimitMs].every(Number.isSafeInteger) || count < 1) {
  console.error('usage: npm run fuzz -- [--seed N] [--count N] [--time SECONDS] [--replay I]');
  process.exit(2);
}
console.log(`canary fuzz: seed ${seed}, up to ${count} requests or ${timeLimitMs / 1000} s (replay: --seed ${seed} --count ${count} --replay I)`);
const own = process.env.PORTCULLIS_TEST_UPSTREAM ? undefined : await start();
try {
  const result = await runCanary({
    upstream: own?.url ?? process.env.PORTCULLIS_TEST_UPSTREAM!, seed, count, timeLimitMs,
    replay: values.replay === undefined ? undefined : Number(values.replay), log: (line) => console.log(line),
  });
  console.log(`\n${formatReport(result)}\nreport: ${writeReport(result)}`);
  process.exitCode = result.findings.length ? 1 : 0;
} finally {
  await own?.stop();
}
