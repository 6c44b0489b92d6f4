// A real Elasticsearch upstream (security off) for tests: the twin of opensearch.ts.
//
// The integ-test zip (`org.elasticsearch.distribution.integ-test-zip:elasticsearch`, no bundled JDK; version
// PORTCULLIS_TEST_ES_VERSION, default 9.1.5) comes from Maven Central through `mvn` (the local repository
// first, so a zip already in ~/.m2 is not downloaded again), is unpacked once into `.cache/elasticsearch/`, and
// runs on a Java >= 21 (ES_JAVA_HOME, else the newest in /usr/lib/jvm) with a throwaway config/data/logs dir,
// bound to loopback only, `xpack.security.enabled: false`: whatever reaches it runs with full power, which
// is what the gateway in front of it is for. Like OpenSearch it never outlives its parent (node-process.ts).
//
// The zip carries only the modules apm, transport-netty4, x-pack-core and x-pack-security: no painless, no
// reindex, no mustache, no data streams. Settings of absent modules are not written (ES refuses unknown ones).

import fs from 'node:fs';
import path from 'node:path';
import {
  NOBODY, REPO_ROOT, chownTree, launch, makeRunDir, readableByOthers, run, type LocalNode, type StartOptions,
} from './node-process.ts';

export { REPO_ROOT, isAlive, killGroup, type StartOptions } from './node-process.ts';

export const FLAVOR = 'elasticsearch';
export const DEFAULT_VERSION = '9.1.5';
export const ELASTICSEARCH_VERSION = process.env.PORTCULLIS_TEST_ES_VERSION || DEFAULT_VERSION;
export const MIN_JAVA = 21;
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const RUN_DIR_PREFIX = 'portcullis-elasticsearch-';
const JVM_DIR = '/usr/lib/jvm';

export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'elasticsearch');
export const STATE_FILE = path.join(CACHE_DIR, 'state.json');

export type Elasticsearch = LocalNode;

/** Download (through Maven) and unpack Elasticsearch once; returns its home folder. Safe to call concurrently. */
export function ensureInstalled(version = ELASTICSEARCH_VERSION): string {
  const home = path.join(CACHE_DIR, `elasticsearch-${version}`);
  if (fs.existsSync(path.join(home, 'bin', 'elasticsearch'))) return home;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const zip = path.join(CACHE_DIR, `elasticsearch-${version}.zip`);
  if (!fs.existsSync(zip)) {
    run('mvn', ['-B', '-q', '-Dstyle.color=never', `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:${version}:zip`, `-DoutputDirectory=${CACHE_DIR}`]);
  }
  const staging = fs.mkdtempSync(path.join(CACHE_DIR, 'unzip-'));
  try {
    run('unzip', ['-q', zip, '-d', staging]);
    fs.renameSync(path.join(staging, `elasticsearch-${version}`), home);
  } catch (err) {
    if (!fs.existsSync(path.join(home, 'bin', 'elasticsearch'))) throw err; // else: another process won
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return home;
}

/** Start a single-node Elasticsearch (security off) on 127.0.0.1 and wait until it is yellow. */
export async function start(options: StartOptions = {}): Promise<Elasticsearch> {
  const { port = 0, heap = '512m' } = options;
  const javaHome = findJava(); // before the download: a missing Java is the likelier problem, and cheaper to report
  const home = ensureInstalled();
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !readableByOthers(home)) {
    throw new Error(`${home} must be readable by uid ${NOBODY} (Elasticsearch won't run as root): put the repo somewhere world-readable`);
  }
  const dir = makeRunDir(RUN_DIR_PREFIX);
  const modules = fs.readdirSync(path.join(home, 'modules'));
  fs.copyFileSync(path.join(home, 'config', 'log4j2.properties'), path.join(dir, 'config', 'log4j2.properties'));
  fs.writeFileSync(path.join(dir, 'config', 'elasticsearch.yml'), elasticsearchYml({ port, dir, modules }));
  fs.writeFileSync(path.join(dir, 'config', 'jvm.options'), jvmOptions(dir));
  if (asRoot) chownTree(dir, NOBODY);
  return launch({
    flavor: FLAVOR, version: ELASTICSEARCH_VERSION, label: 'Elasticsearch', executable: path.join(home, 'bin', 'elasticsearch'),
    dir, asRoot, options,
    env: {
      ES_JAVA_HOME: javaHome, // Elasticsearch ignores JAVA_HOME
      ES_PATH_CONF: path.join(dir, 'config'),
      ES_TMPDIR: path.join(dir, 'tmp'),
      ES_JAVA_OPTS: `-Xms${heap} -Xmx${heap}`,
    },
  });
}

/** elasticsearch.yml of a security-off single node; `modules` are the home's module folders. */
export function elasticsearchYml(opts: { port: number; dir: string; modules: readonly string[] }): string {
  const has = (module: string) => opts.modules.includes(module);
  return [
    'cluster.name: portcullis-test',
    'node.name: node-1',
    'discovery.type: single-node',
    'network.host: 127.0.0.1',
    `http.port: ${opts.port}`,
    'transport.port: 0',
    'node.portsfile: true', // writes logs/http.ports once bound, so port 0 needs no guessing
    `path.data: ${path.join(opts.dir, 'data')}`,
    `path.logs: ${path.join(opts.dir, 'logs')}`,
    'xpack.security.enabled: false', // the gateway in front is the security
    'cluster.routing.allocation.disk.threshold_enabled: false', // a full dev disk must not block writes
    'action.destructive_requires_name: false',
    ...(has('x-pack-ml') ? ['xpack.ml.enabled: false'] : []),
    ...(has('ingest-geoip') ? ['ingest.geoip.downloader.enabled: false'] : []),
    ...(has('reindex') ? ['reindex.remote.whitelist: ["127.0.0.1:*", "localhost:*"]'] : []),
    '',
  ].join('\n');
}

function jvmOptions(dir: string): string {
  return [
    '-XX:+UseG1GC',
    '-Djava.io.tmpdir=${ES_TMPDIR}',
    '20-:--add-modules=jdk.incubator.vector',
    '-XX:+ExitOnOutOfMemoryError',
    `-XX:ErrorFile=${path.join(dir, 'logs', 'hs_err_pid%p.log')}`,
    '',
  ].join('\n');
}

// --- Java ---

/** The major version in a JDK's `release` file (JAVA_VERSION="25.0.3" → 25, "1.8.0_392" → 8), or undefined. */
export function javaMajor(release: string): number | undefined {
  const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(release);
  if (!match) return undefined;
  return match[1] === '1' && match[2] ? Number(match[2]) : Number(match[1]);
}

/** The newest candidate of at least MIN_JAVA, an explicitly chosen one first; or an error naming what is missing. */
export function pickJava(
  candidates: readonly { home: string; major: number | undefined }[], explicit?: string,
): { home: string } | { error: string } {
  if (explicit) {
    const chosen = candidates.find((c) => c.home === explicit);
    if (chosen?.major !== undefined && chosen.major >= MIN_JAVA) return { home: explicit };
    return { error: `ES_JAVA_HOME=${explicit} is ${chosen?.major === undefined ? 'not a JDK (no bin/java and release file)' : `Java ${chosen.major}`}: Elasticsearch needs Java ${MIN_JAVA} or newer` };
  }
  const usable = candidates.filter((c) => c.major !== undefined && c.major >= MIN_JAVA).sort((a, b) => b.major! - a.major!);
  if (usable.length > 0) return { home: usable[0].home };
  const seen = candidates.map((c) => `${c.home} (${c.major ?? '?'})`).join(', ') || 'none';
  return { error: `no Java ${MIN_JAVA}+ for Elasticsearch: set ES_JAVA_HOME or install one in ${JVM_DIR} (e.g. Temurin 25); found ${seen}` };
}

/** ES_JAVA_HOME if set, else the newest Java >= 21 in /usr/lib/jvm; throws naming what is missing. */
export function findJava(): string {
  const explicit = process.env.ES_JAVA_HOME;
  const homes = explicit ? [explicit] : listDir(JVM_DIR).map((name) => path.join(JVM_DIR, name));
  const candidates = homes.map((home) => ({ home, major: jdkMajor(home) }));
  const picked = pickJava(candidates, explicit);
  if ('error' in picked) throw new Error(picked.error);
  return picked.home;
}

function jdkMajor(home: string): number | undefined {
  if (!fs.existsSync(path.join(home, 'bin', 'java'))) return undefined;
  try { return javaMajor(fs.readFileSync(path.join(home, 'release'), 'utf8')); } catch { return undefined; }
}

function listDir(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}
