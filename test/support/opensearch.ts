// A real OpenSearch upstream for tests and benchmarks.
//
// The integ-test zip (no plugins, no bundled JDK) comes from Maven Central through `mvn`, is unpacked
// once into `.cache/opensearch/` with the standard modules the attacks need (painless, reindex, mustache,
// percolator, ...: opensearch-modules.ts), and runs on the machine's Java with a throwaway config/data/logs dir,
// bound to loopback only. A started node never outlives its parent: it is killed on exit and on
// SIGINT/SIGTERM/SIGHUP, and the kernel kills it (PR_SET_PDEATHSIG via setpriv) if the parent is
// SIGKILLed. Only `keepAlive` (the CLI's `start`) leaves it running.

import fs from 'node:fs';
import path from 'node:path';
import { installModules } from './opensearch-modules.ts';
import {
  NOBODY, REPO_ROOT, chownTree, launch, makeRunDir, readableByOthers, run, type LocalNode, type StartOptions,
} from './node-process.ts';

export { REPO_ROOT, isAlive, killGroup, type StartOptions } from './node-process.ts';

export const FLAVOR = 'opensearch';
export const OPENSEARCH_VERSION = '2.19.3';
const ARTIFACT = `org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip`;
// Bump when MODULES changes: a new home name, so an older unpacked home is never reused.
const MODULE_SET = 'm1';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const RUN_DIR_PREFIX = 'portcullis-opensearch-';

export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'opensearch');
export const STATE_FILE = path.join(CACHE_DIR, 'state.json');

export type OpenSearch = LocalNode;

/**
 * Download and unpack OpenSearch once, with the modules of MODULES (opensearch-modules.ts); returns its home
 * folder. Safe to call concurrently: each caller builds in its own staging dir, the first rename publishes.
 */
export function ensureInstalled(): string {
  const home = path.join(CACHE_DIR, `opensearch-${OPENSEARCH_VERSION}-${MODULE_SET}`);
  if (fs.existsSync(path.join(home, 'bin', 'opensearch'))) return home;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const zip = path.join(CACHE_DIR, `opensearch-${OPENSEARCH_VERSION}.zip`);
  if (!fs.existsSync(zip)) {
    run('mvn', ['-B', '-q', '-Dstyle.color=never', `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${CACHE_DIR}`]);
  }
  const staging = fs.mkdtempSync(path.join(CACHE_DIR, 'unzip-'));
  try {
    run('unzip', ['-q', zip, '-d', staging]);
    installModules(path.join(staging, `opensearch-${OPENSEARCH_VERSION}`), OPENSEARCH_VERSION, staging);
    fs.renameSync(path.join(staging, `opensearch-${OPENSEARCH_VERSION}`), home);
  } catch (err) {
    if (!fs.existsSync(path.join(home, 'bin', 'opensearch'))) throw err; // else: another process won
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return home;
}

/** Start a single-node OpenSearch on 127.0.0.1 and wait until it is yellow. */
export async function start(options: StartOptions = {}): Promise<OpenSearch> {
  const { port = 0, heap = '512m' } = options;
  const home = ensureInstalled();
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !readableByOthers(home)) {
    throw new Error(`${home} must be readable by uid ${NOBODY} (OpenSearch won't run as root): put the repo somewhere world-readable`);
  }
  const dir = prepareRunDir(home, port, asRoot);
  return launch({
    flavor: FLAVOR, version: OPENSEARCH_VERSION, label: 'OpenSearch', executable: path.join(home, 'bin', 'opensearch'),
    dir, asRoot, options,
    env: {
      JAVA_HOME: javaHome(),
      OPENSEARCH_PATH_CONF: path.join(dir, 'config'),
      OPENSEARCH_TMPDIR: path.join(dir, 'tmp'),
      OPENSEARCH_JAVA_OPTS: `-Xms${heap} -Xmx${heap}`,
    },
  });
}

// --- the throwaway run dir ---

function prepareRunDir(home: string, port: number, asRoot: boolean): string {
  const dir = makeRunDir(RUN_DIR_PREFIX);
  fs.copyFileSync(path.join(home, 'config', 'log4j2.properties'), path.join(dir, 'config', 'log4j2.properties'));
  fs.writeFileSync(path.join(dir, 'config', 'opensearch.yml'), [
    'cluster.name: portcullis-test',
    'node.name: node-1',
    'discovery.type: single-node',
    'network.host: 127.0.0.1',
    `http.port: ${port}`,
    'transport.port: 0',
    'node.portsfile: true', // writes logs/http.ports once bound, so port 0 needs no guessing
    `path.data: ${path.join(dir, 'data')}`,
    `path.logs: ${path.join(dir, 'logs')}`,
    'cluster.routing.allocation.disk.threshold_enabled: false', // a full dev disk must not block writes
    'action.destructive_requires_name: false',
    // _reindex from a "remote" that is this very node: an attack the gateway must refuse, so it must work here
    'reindex.remote.allowlist: ["127.0.0.1:*", "localhost:*"]',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'config', 'jvm.options'), [
    '-XX:+UseG1GC',
    '-Djava.io.tmpdir=${OPENSEARCH_TMPDIR}',
    `-XX:ErrorFile=${path.join(dir, 'logs', 'hs_err_pid%p.log')}`,
    '18-:-Djava.security.manager=allow',
    '20-:--add-modules=jdk.incubator.vector',
    '-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory',
    '',
  ].join('\n'));
  if (asRoot) chownTree(dir, NOBODY);
  return dir;
}

// --- small helpers ---

function javaHome(): string {
  const fromEnv = process.env.JAVA_HOME;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'bin', 'java'))) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const java = path.join(dir, 'java');
    if (fs.existsSync(java)) return path.dirname(path.dirname(fs.realpathSync(java)));
  }
  throw new Error('java not found: install a JRE 17+ (apt-get install openjdk-17-jre-headless) or set JAVA_HOME');
}
