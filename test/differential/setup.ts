/**
 * The two sides: the reference Elasticsearch (shared/tools/es-ref.sh, its own DIR, wiped with `reset`)
 * and a fresh gateway whose config dir is the conformance harness's (cluster-files.ts): the admin
 * x_pack_rest_user / x-pack-test-password in the file realm with role _es_test_root, `elastic`'s
 * password x-pack-test-password, the file service token elastic/fleet-server/token1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ELASTIC_PASSWORD, writeConfigDir } from '../conformance/cluster-files.ts';
import { startGateway, type Gateway } from '../support/gateway.ts';

export const ES_REF_SCRIPT = process.env.ES_REF_SCRIPT ?? '/work/shared/tools/es-ref.sh';
const HARNESS_DIR = resolve(process.env.CONFORMANCE_TESTS_DIR ?? '/work/shared/conformance/es-yaml', '_harness');

const esRef = (command: string, dir: string): string =>
  execFileSync('bash', [ES_REF_SCRIPT, command, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 }).trim().split('\n').at(-1)!;

/** Starts (or finds) the reference node of `dir` and wipes its state; returns its URL. */
export function startReference(dir: string): string {
  const url = esRef('start', dir);
  esRef('reset', dir);
  return url;
}

export function stopReference(dir: string): void {
  esRef('stop', dir);
}

/** A gateway with a fresh data dir in front of `upstream`, configured as the conformance cluster. */
export async function startDiffGateway(upstream: string): Promise<Gateway> {
  const scratch = mkdtempSync(join(tmpdir(), 'portcullis-diff-'));
  try {
    writeConfigDir(scratch, HARNESS_DIR);
    const files = Object.fromEntries(readdirSync(scratch).filter((f) => f !== 'portcullis.yml').map((f) => [f, readFileSync(join(scratch, f), 'utf8')]));
    return await startGateway({ config: readFileSync(join(scratch, 'portcullis.yml'), 'utf8'), files, upstream, elasticPassword: ELASTIC_PASSWORD });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
