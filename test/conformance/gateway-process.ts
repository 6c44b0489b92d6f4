/**
 * Starts the gateway as a process (`src/main.ts start`), the only way the harness uses gateway
 * code: waits for its JSON log line `"msg":"listening"` and takes the bound URL from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface GatewayOptions {
  repoRoot: string;
  dataDir: string;
  configFile: string;
  upstream: string;
  logFile: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

export interface GatewayProcess {
  url: string;
  pid: number;
  logFile: string;
  alive(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftovers(): void {
  for (const child of live) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
}

export async function startGateway(opts: GatewayOptions): Promise<GatewayProcess> {
  if (!existsSync(join(opts.repoRoot, 'src/main.ts'))) throw new Error('the gateway is not there yet: src/main.ts does not exist');
  const nodeBin = existsSync(join(opts.repoRoot, 'node_modules/.bin/node')) ? join(opts.repoRoot, 'node_modules/.bin/node') : process.execPath;
  const args = [
    '--disable-warning=ExperimentalWarning',
    'src/main.ts', 'start',
    '--data', opts.dataDir,
    '--listen', '127.0.0.1:0',
    '--upstream', opts.upstream,
    '--no-tls',
    '--config', opts.configFile,
  ];
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  log.write(`# ${nodeBin} ${args.join(' ')}\n`);
  const child = spawn(nodeBin, args, { cwd: opts.repoRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killLeftovers);
  }
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    live.delete(child);
    resolve(code);
  }));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" log line within ${(opts.timeoutMs ?? 60_000) / 1000}s${tail(opts.logFile)}`)), opts.timeoutMs ?? 60_000);
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (found) return;
      const u = listeningUrl(line);
      if (u) {
        found = true;
        clearTimeout(timer);
        resolve(u);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!found) setTimeout(() => reject(new Error(`the gateway exited (code ${code}) before listening${tail(opts.logFile)}`)), 50);
    });
  }).catch(async (e: Error) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  });

  return {
    url,
    pid: child.pid!,
    logFile: opts.logFile,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** The bound URL from a pino line such as `{"level":30,"msg":"listening","url":"http://127.0.0.1:40123"}`. */
export function listeningUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const o = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return o.msg === 'listening' && typeof o.url === 'string' ? o.url : null;
  } catch {
    return null;
  }
}

function tail(file: string, lines = 25): string {
  try {
    return `\n--- tail of ${file} ---\n${readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`;
  } catch {
    return '';
  }
}
