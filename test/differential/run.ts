/**
 * The differential test as a command:
 *   node test/differential/run.ts [--reference URL] [--gateway URL] [--upstream URL] [--es-dir DIR] [--json FILE]
 * Without --reference it starts (and at the end stops) the reference Elasticsearch of --es-dir
 * (/tmp/es-ref-diff); a given reference is wiped with `es-ref.sh reset` only when --es-dir is given.
 * Without --gateway it starts a fresh one in front of --upstream (or PORTCULLIS_TEST_UPSTREAM).
 * Prints the report; exits 1 when a difference is not listed in docs/differences.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { judge, readListed } from './differences.ts';
import { renderReport } from './report.ts';
import { runSteps } from './runner.ts';
import { startDiffGateway, startReference, stopReference } from './setup.ts';
import { STEPS } from './steps.ts';
import type { StepResult } from './types.ts';

export const DIFFERENCES_FILE = join(import.meta.dirname, '../../docs/differences.md');

const { values } = parseArgs({ options: { reference: { type: 'string' }, gateway: { type: 'string' }, upstream: { type: 'string' }, 'es-dir': { type: 'string' }, json: { type: 'string' } } });

const began = Date.now();
const esDir = values['es-dir'] ?? (values.reference ? undefined : '/tmp/es-ref-diff');
const reference = values.reference ?? startReference(esDir!);
if (values.reference && esDir) startReference(esDir);
const gateway = values.gateway ? undefined : await startDiffGateway(values.upstream ?? process.env.PORTCULLIS_TEST_UPSTREAM ?? '');
let results: StepResult[];
try {
  results = await runSteps(STEPS, reference, values.gateway ?? gateway!.url);
} finally {
  await gateway?.stop();
  gateway?.cleanup();
  if (!values.reference) stopReference(esDir!);
}
const listed = readListed(DIFFERENCES_FILE);
const verdict = judge(results, listed);
console.log(renderReport(results, verdict, listed));
console.log(`\n${((Date.now() - began) / 1000).toFixed(1)} s`);
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
process.exit(verdict.unlisted.length > 0 ? 1 : 0);
