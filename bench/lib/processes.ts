/**
 * The processes a benchmark run starts besides OpenSearch: the gateway (as `portcullis start` runs it) and
 * the bare proxy. Each child gets PR_SET_PDEATHSIG (setpriv) so it never outlives the benchmark, and is
 * also stopped from an exit handler.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const MAIN = join(REPO_ROOT, 'src/main.ts');
const NODE_FLAGS = ['--disable-warning=ExperimentalWarning'];

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Spawns `node <args>` and resolves with the URL `parse` finds in its output. */
export function spawnNode(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; parse: (output: string) => string | undefined; what: string; timeoutMs?: number }): Promise<Child> {
  const child = spawn('setpriv', ['--pdeathsig=TERM', '--', process.execPath, ...NODE_FLAGS, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    children.delete(child);
  };
  return new Promise((resolveChild, reject) => {
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`${opts.what} did not start in time`)), opts.timeoutMs ?? 60_000);
    const fail = (e: Error) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`${e.message}\n--- output ---\n${out.slice(-4000)}`));
    };
    child.once('exit', (code, signal) => fail(new Error(`${opts.what} exited (${code ?? signal}) before it was ready`)));
    const check = () => {
      const url = opts.parse(out);
      if (url === undefined || ready) return;
      ready = true;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolveChild({ url, process: child, output: () => out, stop });
    };
    child.stdout!.on('data', check);
  });
}

export interface Gateway extends Child {
  readonly dataDir: string;
  readonly caPath: string;
}

/**
 * `portcullis start --data <dir> --listen 127.0.0.1:0 --upstream <url> [--no-tls]` with ELASTIC_PASSWORD, an
 * empty config file of its own and that dir as cwd (so no stray ./portcullis.yml is read).
 */
export async function startGateway(opts: { upstream: string; tls: boolean; password: string; dataDir?: string; config?: string; nodeFlags?: string[] }): Promise<Gateway> {
  const configDir = mkdtempSync(join(tmpdir(), 'portcullis-bench-config-'));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'portcullis-bench-data-'));
  const configFile = join(configDir, 'portcullis.yml');
  writeFileSync(configFile, opts.config ?? '');
  const args = [...(opts.nodeFlags ?? []), MAIN, 'start', '--config', configFile, '--data', dataDir, '--listen', '127.0.0.1:0', '--upstream', opts.upstream];
  if (!opts.tls) args.push('--no-tls');
  const child = await spawnNode(args, {
    cwd: configDir,
    env: { ...process.env, ELASTIC_PASSWORD: opts.password },
    what: 'the gateway',
    parse: (out) => {
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as { msg?: string; url?: string };
          if (rec.msg === 'listening' && rec.url) return rec.url;
        } catch {
          // a partial line: wait for the rest
        }
      }
      return undefined;
    },
  });
  return {
    ...child,
    dataDir,
    caPath: join(dataDir, 'certs', 'http_ca.crt'),
    stop: async () => {
      await child.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** bench/bare-proxy.ts in its own process (so it does not share an event loop with the load generator). */
export function startBareProxy(upstream: string): Promise<Child> {
  return spawnNode([join(REPO_ROOT, 'bench/bare-proxy.ts'), upstream, '0'], {
    what: 'the bare proxy',
    parse: (out) => /^bare proxy (\S+)/m.exec(out)?.[1],
  });
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
