// A real OpenSearch upstream for tests and benchmarks.
//
// The integ-test zip (no plugins, no bundled JDK) comes from Maven Central through `mvn`, is unpacked
// once into `.cache/opensearch/` with the standard modules the attacks need (painless, reindex, mustache,
// percolator, ...: opensearch-modules.ts), and runs on the machine's Java with a throwaway config/data/logs dir,
// bound to loopback only. A started node never outlives its parent: it is killed on exit and on
// SIGINT/SIGTERM/SIGHUP, and the kernel kills it (PR_SET_PDEATHSIG via setpriv) if the parent is
// SIGKILLed. Only `keepAlive` (the CLI's `start`) leaves it running.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installModules } from './opensearch-modules.ts';

export const OPENSEARCH_VERSION = '2.19.3';
const ARTIFACT = `org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip`;
// Bump when MODULES changes: a new home name, so an older unpacked home is never reused.
const MODULE_SET = 'm1';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const NOBODY = 65534; // OpenSearch refuses to run as root: as root we run it as nobody:nogroup
const RUN_DIR_PREFIX = 'portcullis-opensearch-';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'opensearch');
export const STATE_FILE = path.join(CACHE_DIR, 'state.json');

export type StartOptions = {
  port?: number; // 0 (default) = a free loopback port, chosen by OpenSearch itself
  heap?: string; // -Xms/-Xmx, default '512m'
  timeoutMs?: number; // how long to wait for yellow health, default 120 s
  keepAlive?: boolean; // survive this process (the CLI's `start`); default false
};

export type OpenSearch = {
  url: string;
  port: number;
  pid: number;
  dir: string; // throwaway config/data/logs dir, removed by stop()
  stop(): Promise<void>;
};

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
  const { port = 0, heap = '512m', timeoutMs = 120_000, keepAlive = false } = options;
  const home = ensureInstalled();
  removeStaleRunDirs();
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !readableByOthers(home)) {
    throw new Error(`${home} must be readable by uid ${NOBODY} (OpenSearch won't run as root): put the repo somewhere world-readable`);
  }
  const dir = prepareRunDir(home, port, asRoot);
  const setpriv = [
    ...(asRoot ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : []),
    ...(keepAlive ? [] : ['--pdeathsig=KILL']),
  ];
  const log = fs.openSync(path.join(dir, 'logs', 'console.log'), 'a');
  const child = spawn('setpriv', [...setpriv, '--', path.join(home, 'bin', 'opensearch')], {
    cwd: dir,
    detached: true, // own process group, so stop() can kill the launcher script and the JVM together
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      LANG: 'C.UTF-8',
      JAVA_HOME: javaHome(),
      OPENSEARCH_PATH_CONF: path.join(dir, 'config'),
      OPENSEARCH_TMPDIR: path.join(dir, 'tmp'),
      OPENSEARCH_JAVA_OPTS: `-Xms${heap} -Xmx${heap}`,
    },
  });
  fs.closeSync(log);
  child.on('error', () => {}); // a spawn failure shows as a missing pid below
  if (child.pid === undefined) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error('could not run setpriv (Debian package util-linux)');
  }
  const pid = child.pid;
  fs.writeFileSync(path.join(dir, 'pid'), String(pid));
  let exited = false;
  child.on('exit', () => { exited = true; });
  if (keepAlive) child.unref();
  else killOnExit(pid, dir);

  const stop = async () => {
    running.delete(pid);
    await killGroup(pid, () => exited || !isAlive(pid));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const actualPort = await waitForPort(dir, () => exited, timeoutMs);
    const url = `http://127.0.0.1:${actualPort}`;
    await waitForYellow(url, () => exited, timeoutMs);
    return { url, port: actualPort, pid, dir, stop };
  } catch (err) {
    const tail = logTail(dir);
    await stop();
    throw new Error(`OpenSearch did not start: ${(err as Error).message}\n--- tail of its log ---\n${tail}`);
  }
}

/** Kill a process group started by start() (also from another process, e.g. the CLI's `stop`). */
export async function killGroup(pid: number, isGone = () => !isAlive(pid), graceMs = 20_000): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (!isGone() && Date.now() < deadline) await sleep(100);
  if (!isGone()) signalGroup(pid, 'SIGKILL');
  while (!isGone()) await sleep(50);
}

export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

// --- never leave a JVM behind: kill every started node when this process exits or is signalled ---

const running = new Map<number, string>(); // pid → run dir
let handlersInstalled = false;

function killOnExit(pid: number, dir: string): void {
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('exit', () => {
      for (const [pid, dir] of running) {
        signalGroup(pid, 'SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => process.exit(128 + os.constants.signals[signal]));
    }
  }
  running.set(pid, dir);
}

// --- the throwaway run dir ---

function prepareRunDir(home: string, port: number, asRoot: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  for (const sub of ['config/jvm.options.d', 'data', 'logs', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
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

function chownTree(dir: string, id: number): void {
  fs.chownSync(dir, id, id);
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) fs.chownSync(path.join(dir, entry), id, id);
}

function readableByOthers(home: string): boolean {
  for (let p = home; ; p = path.dirname(p)) {
    if ((fs.statSync(p).mode & 0o005) !== 0o005) return false;
    if (p === path.dirname(p)) return true;
  }
}

/** Remove run dirs of nodes that died without cleaning up (parent SIGKILLed). */
function removeStaleRunDirs(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
      if (pid > 0 && !isAlive(pid)) fs.rmSync(dir, { recursive: true, force: true });
    } catch { /* no pid file yet, or not ours to judge */ }
  }
}

// --- waiting ---

async function waitForPort(dir: string, exited: () => boolean, timeoutMs: number): Promise<number> {
  const file = path.join(dir, 'logs', 'http.ports');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(file)) {
      const match = /:(\d+)\s*$/m.exec(fs.readFileSync(file, 'utf8'));
      if (match) return Number(match[1]);
    }
    if (exited()) throw new Error('the process exited');
    if (Date.now() > deadline) throw new Error(`no HTTP port after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function waitForYellow(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const res = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=5s`, { signal: AbortSignal.timeout(10_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.ok) return;
    } catch (err) {
      last = String(err);
    }
    if (exited()) throw new Error('the process exited');
    if (Date.now() > deadline) throw new Error(`not yellow after ${timeoutMs / 1000} s (last answer: ${last})`);
    await sleep(200);
  }
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

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.error) throw new Error(`${command} failed to run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  }
}

function logTail(dir: string, lines = 40): string {
  try {
    return fs.readFileSync(path.join(dir, 'logs', 'console.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
