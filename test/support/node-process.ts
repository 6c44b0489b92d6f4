// What the local test upstreams (opensearch.ts, elasticsearch.ts) share: a JVM node in its own process group,
// run through setpriv (as nobody under root, killed by the kernel if its parent dies), a throwaway run dir,
// waiting for its ports file and yellow health, and never leaving a node behind when this process exits.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const NOBODY = 65534; // neither engine runs as root: as root we run it as nobody:nogroup

/** The flavours of upstream the gateway supports (what GET / of the upstream says it is). */
export const FLAVORS = ['opensearch', 'elasticsearch'] as const;
export type Flavor = (typeof FLAVORS)[number];

export type StartOptions = {
  port?: number; // 0 (default) = a free loopback port, chosen by the node itself
  heap?: string; // -Xms/-Xmx, default '512m'
  timeoutMs?: number; // how long to wait for yellow health, default 120 s
  keepAlive?: boolean; // survive this process (the CLIs' `start`); default false
};

/** A started local node: what opensearch.ts and elasticsearch.ts both return. */
export type LocalNode = {
  flavor: Flavor;
  version: string;
  url: string;
  port: number;
  pid: number;
  dir: string; // throwaway config/data/logs dir, removed by stop()
  stop(): Promise<void>;
};

export type Launch = {
  flavor: Flavor;
  version: string;
  label: string; // 'OpenSearch' / 'Elasticsearch', for messages
  executable: string; // bin/opensearch, bin/elasticsearch
  dir: string; // prepared run dir (config, data, logs, tmp), owned by the user that runs the node
  env: NodeJS.ProcessEnv;
  asRoot: boolean;
  options: StartOptions;
};

/** Spawn the node of a prepared run dir and wait until it is yellow. */
export async function launch(spec: Launch): Promise<LocalNode> {
  const { timeoutMs = 120_000, keepAlive = false } = spec.options;
  const { dir } = spec;
  const setpriv = [
    ...(spec.asRoot ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : []),
    ...(keepAlive ? [] : ['--pdeathsig=KILL']),
  ];
  const log = fs.openSync(path.join(dir, 'logs', 'console.log'), 'a');
  const child = spawn('setpriv', [...setpriv, '--', spec.executable], {
    cwd: dir,
    detached: true, // own process group, so stop() can kill the launcher and the JVM together
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8', ...spec.env },
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
    const port = await waitForPort(dir, () => exited, timeoutMs);
    const url = `http://127.0.0.1:${port}`;
    await waitForYellow(url, () => exited, timeoutMs);
    return { flavor: spec.flavor, version: spec.version, url, port, pid, dir, stop };
  } catch (err) {
    const tail = logTail(dir);
    await stop();
    throw new Error(`${spec.label} did not start: ${(err as Error).message}\n--- tail of its log ---\n${tail}`);
  }
}

/** Kill a process group started by launch() (also from another process, e.g. the CLI's `stop`). */
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

// --- the run dir ---

/** A fresh run dir under the system tmp dir, with config/jvm.options.d, data, logs and tmp. */
export function makeRunDir(prefix: string): string {
  removeStaleRunDirs(prefix);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const sub of ['config/jvm.options.d', 'data', 'logs', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  return dir;
}

export function chownTree(dir: string, id: number): void {
  fs.chownSync(dir, id, id);
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) fs.chownSync(path.join(dir, entry), id, id);
}

export function readableByOthers(home: string): boolean {
  for (let p = home; ; p = path.dirname(p)) {
    if ((fs.statSync(p).mode & 0o005) !== 0o005) return false;
    if (p === path.dirname(p)) return true;
  }
}

/** Remove run dirs of nodes that died without cleaning up (parent SIGKILLed). */
function removeStaleRunDirs(prefix: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(prefix)) continue;
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

export function run(command: string, args: string[]): void {
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
