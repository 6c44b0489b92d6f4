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
  --ratchet              exit 1 if a case listed in the target's ratchet file (ratchet/<target>.yml) does not pass
  --update-ratchet       rewrite the target's ratchet pass list from this run (skip reasons are kept)
  --isolation MODE       auto (default): clean up through the API, fresh gateway when API keys remain
                         restart: fresh gateway after every case
  --upstream KIND|URL    the gateway's upstream: opensearch (default) or elasticsearch (security off) is started;
                         a URL uses a running one (its kind read from its GET /, or given by --upstream-kind)
  --upstream-kind KIND   opensearch or elasticsearch: the kind of a running upstream (--upstream URL, --gateway)
  --gateway URL          use a running gateway (no restarts; state wiped through its API between cases)
  --reference URL        run the tests straight against a running reference Elasticsearch with its own security
                         (tools/es-ref.sh start DIR; never the shared instance: it is wiped between cases)
  --client 9|8           the official JavaScript client major the requests go through (default 9)
  --es-version X.Y.Z     the Elasticsearch version to assume for skip/requires
  --tests DIR            the es-yaml tests dir (default ../shared/conformance/es-yaml)
  --report FILE          JSON report (default test/conformance/report.<target>.json)
  --keep                 keep the run's scratch dir (config, data, gateway logs)`;

export const UPSTREAM_KINDS = ['opensearch', 'elasticsearch'] as const;
export type UpstreamKind = (typeof UPSTREAM_KINDS)[number];
/** What a run is judged as: its ratchet file is ratchet/<target>.yml. */
export type Target = UpstreamKind | 'reference';

export interface Options {
  filters: string[];
  ratchet: boolean;
  updateRatchet: boolean;
  isolation: 'auto' | 'restart';
  /** The upstream to start (a kind), or a running one (url); its kind when given or known. */
  upstream: { kind?: UpstreamKind; url?: string };
  gateway?: string;
  reference?: string;
  client: '8' | '9';
  esVersion?: string;
  testsDir: string;
  /** Default: test/conformance/report.<target>.json */
  reportFile?: string;
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
      'upstream-kind': { type: 'string' },
      gateway: { type: 'string' },
      reference: { type: 'string' },
      client: { type: 'string', default: '9' },
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
  if (values.client !== '8' && values.client !== '9') throw new Error(`--client must be 8 or 9\n${USAGE}`);
  if (values.reference && (values.gateway || values.upstream)) throw new Error(`--reference runs without a gateway: not with --gateway or --upstream\n${USAGE}`);
  return {
    filters: positionals,
    ratchet: values.ratchet,
    updateRatchet: values['update-ratchet'],
    isolation: values.isolation,
    upstream: upstreamOption(values.upstream, values['upstream-kind']),
    gateway: values.gateway,
    reference: values.reference,
    client: values.client,
    esVersion: values['es-version'],
    testsDir: resolve(values.tests ?? process.env.CONFORMANCE_TESTS_DIR ?? join(REPO_ROOT, '../shared/conformance/es-yaml')),
    reportFile: values.report ? resolve(values.report) : undefined,
    keep: values.keep,
  };
}

function upstreamOption(value: string | undefined, kind: string | undefined): Options['upstream'] {
  const isKind = (k: string | undefined): k is UpstreamKind => (UPSTREAM_KINDS as readonly string[]).includes(k ?? '');
  if (kind !== undefined && !isKind(kind)) throw new Error(`--upstream-kind must be one of ${UPSTREAM_KINDS.join(', ')}\n${USAGE}`);
  if (value === undefined) return { kind };
  if (isKind(value)) return { kind: value };
  if (!/^https?:\/\//.test(value)) throw new Error(`--upstream must be ${UPSTREAM_KINDS.join(', ')} or a URL\n${USAGE}`);
  return { url: value, kind };
}

/** The ratchet target of a run whose upstream kind is known (or assumed: opensearch). */
export function targetOf(opts: Pick<Options, 'reference' | 'upstream'>, detectedKind?: UpstreamKind): Target {
  if (opts.reference) return 'reference';
  return opts.upstream.kind ?? detectedKind ?? 'opensearch';
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

