// Starts the real gateway as a process (src/main.ts start) for end-to-end tests, on a random loopback
// port, and gives a small request helper that can send raw (even duplicate) headers.
import { spawn, type ChildProcess } from 'node:child_process';
import { SecretWitness, AUDIT_EVERYTHING } from './secret-witness.ts';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const NODE = join(REPO_ROOT, 'node_modules/.bin/node');
export const MAIN = join(REPO_ROOT, 'src/main.ts');

/** The OpenSearch the test runner started (scripts/test.ts); tests that need it fail loudly without it. */
export function upstreamUrl(): string {
  const url = process.env.PORTCULLIS_TEST_UPSTREAM;
  if (!url) throw new Error('PORTCULLIS_TEST_UPSTREAM is not set: run the tests through `npm test`');
  return url;
}

export interface GatewayOptions {
  /** portcullis.yml content; written into a fresh config dir. */
  config?: string;
  /** Extra files for the config dir (name → content). */
  files?: Record<string, string>;
  env?: Record<string, string | undefined>;
  tls?: boolean;
  upstream?: string;
  /** Reuse a data dir (to restart a gateway on the same data). */
  dataDir?: string;
  elasticPassword?: string;
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  text: string;
  json: any;
}

export interface Gateway {
  readonly url: string;
  readonly dataDir: string;
  readonly configDir: string;
  readonly caPath: string;
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  request(method: string, path: string, opts?: { headers?: string[] | Record<string, string>; body?: unknown; auth?: [string, string] }): Promise<Response>;
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
  /** Removes config and data dirs (after stop). */
  cleanup(): void;
}

export async function startGateway(opts: GatewayOptions = {}): Promise<Gateway> {
  const configDir = mkdtempSync(join(tmpdir(), 'portcullis-e2e-config-'));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'portcullis-e2e-data-'));
  const configFile = join(configDir, 'portcullis.yml');
  // Every gateway of the suite keeps a full audit log (bodies included), scanned for secrets on stop().
  const audited = (opts.config ?? '').includes('xpack.security.audit') ? '' : AUDIT_EVERYTHING;
  writeFileSync(configFile, (opts.config ?? '') + audited);
  for (const [name, content] of Object.entries(opts.files ?? {})) writeFileSync(join(configDir, name), content);
  const tls = opts.tls ?? false;
  const args = ['--disable-warning=ExperimentalWarning', MAIN, 'start', '--config', configFile, '--data', dataDir, '--listen', '127.0.0.1:0'];
  args.push('--upstream', opts.upstream ?? upstreamUrl());
  if (!tls) args.push('--no-tls');
  const env: Record<string, string | undefined> = { ...process.env, ELASTIC_PASSWORD: opts.elasticPassword ?? 'elastic-test-password', ...opts.env };
  const child = spawn(NODE, args, { cwd: configDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in 30 s\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    const onData = () => {
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line);
          if (rec.msg === 'listening') {
            clearTimeout(timer);
            child.stdout!.off('data', onData);
            resolveUrl(rec.url);
          }
        } catch {
          /* partial line */
        }
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const caPath = join(dataDir, 'certs', 'http_ca.crt');
  const secrets = new SecretWitness();
  secrets.add(env.ELASTIC_PASSWORD);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    url,
    dataDir,
    configDir,
    caPath,
    process: child,
    stdout: () => out,
    stderr: () => err,
    request: async (method, path, ro = {}) => {
      secrets.collectRequest(ro);
      const r = await send(url, tls && existsSync(caPath) ? readFileSync(caPath) : undefined, method, path, ro);
      secrets.collectResponse(r.json);
      return r;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      secrets.assertAbsent(out, dataDir);
      return code;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
      secrets.assertAbsent(out, dataDir);
    },
    cleanup: () => {
      rmSync(configDir, { recursive: true, force: true });
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** One HTTP(S) request; `headers` may be a flat raw array to send duplicates. */
export function send(
  base: string,
  ca: Buffer | undefined,
  method: string,
  path: string,
  opts: { headers?: string[] | Record<string, string>; body?: unknown; auth?: [string, string] } = {},
): Promise<Response> {
  const target = new URL(path, base);
  // A raw header array is sent as is, so Host must be in it (Node adds it only for object headers).
  const headers: string[] = ['Host', target.host, ...(Array.isArray(opts.headers) ? opts.headers : Object.entries(opts.headers ?? {}).flat())];
  if (opts.auth) headers.push('Authorization', basic(...opts.auth));
  let payload: Buffer | undefined;
  if (opts.body !== undefined) {
    payload = Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
    if (!headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-type')) headers.push('Content-Type', 'application/json');
    headers.push('Content-Length', String(payload.length));
  }
  const doRequest = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolveRes, reject) => {
    const req = doRequest(target, { method, headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolveRes({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
