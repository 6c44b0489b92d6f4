/**
 * Command-line options of `npm run conformance` and the choice of test files and cases.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileOf } from './ratchet.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

const USAGE = `usage: npm run conformance -- [filter...] [options]
  filter                 test file or folder, relative to the tests dir (e.g. api_key, users/10_basic.yml),
                         or one case: "users/10_basic.yml :: Test put user api"
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

export interface Options {
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

export function options(argv: string[]): Options {
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
    reportFile: resolve(values.report ?? join(import.meta.dirname, 'report.json')),
    keep: values.keep,
  };
}

/**
 * Test files under `dir` (not `_harness/`), relative with `/`, sorted. A filter selects a file, or
 * a folder's files; failing that, the files whose path contains it. `file :: case` selects the file.
 */
export function selectFiles(dir: string, filters: readonly string[]): string[] {
  const all = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.yml') && !f.startsWith('_harness/'))
    .sort();
  if (filters.length === 0) return all;
  const picked = new Set<string>();
  for (const filter of filters) {
    const w = relativeFilter(dir, filter.split(' :: ')[0]);
    const exact = all.filter((f) => w === '' || f === w || f.startsWith(`${w}/`));
    (exact.length ? exact : all.filter((f) => f.includes(w))).forEach((f) => picked.add(f));
  }
  return all.filter((f) => picked.has(f));
}

function relativeFilter(dir: string, filter: string): string {
  const abs = resolve(filter);
  const rel = abs.startsWith(dir) ? relative(dir, abs).split(sep).join('/') : filter.replace(/^\.\//, '');
  return rel.replace(/\/+$/, '');
}

/** Cases named by `file :: case` filters; other selected files run all their cases. */
export function caseFilter(dir: string, filters: readonly string[]): (key: string) => boolean {
  const keys = filters.filter((f) => f.includes(' :: ')).map((f) => {
    const [file, ...name] = f.split(' :: ');
    return `${relativeFilter(dir, file)} :: ${name.join(' :: ')}`;
  });
  const narrowed = new Set(keys.map(fileOf));
  const whole = selectFiles(dir, filters.filter((f) => !f.includes(' :: ')));
  return (key) => !narrowed.has(fileOf(key)) || keys.includes(key) || (filters.some((f) => !f.includes(' :: ')) && whole.includes(fileOf(key)));
}

