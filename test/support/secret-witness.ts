// Records every secret a test sends to or receives from a gateway, and checks that none of them reached its
// JSON log or its audit log: with it, every end-to-end test is also a test that secrets never leak.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Audit settings every test gateway gets unless its test configures audit itself. */
export const AUDIT_EVERYTHING = [
  '',
  'xpack.security.audit.enabled: true',
  'xpack.security.audit.logfile.events.include: _all',
  'xpack.security.audit.logfile.events.emit_request_body: true',
  '',
].join('\n');

const MIN_LENGTH = 8; // shorter values could match unrelated text by chance

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

export class SecretWitness {
  readonly #secrets = new Set<string>();
  /** Values the gateway itself published as identifiers (API key ids): never secrets, even when sent alone. */
  readonly #public = new Set<string>();

  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= MIN_LENGTH) this.#secrets.add(value);
  }

  /** Passwords of Basic headers, the secret part of API keys, bearer tokens, `password` fields of bodies. */
  collectRequest(opts: { headers?: string[] | Record<string, string>; body?: unknown; auth?: [string, string] }): void {
    if (opts.auth) this.add(opts.auth[1]);
    const pairs = Array.isArray(opts.headers) ? opts.headers.flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])) : Object.entries(opts.headers ?? {});
    for (const [name, value] of pairs) {
      if (!/^(authorization|es-secondary-authorization)$/i.test(name) || typeof value !== 'string') continue;
      const [scheme, rest = ''] = value.split(/ (.*)/s);
      if (/^basic$/i.test(scheme)) this.add(decode(rest).split(/:(.*)/s)[1]);
      else if (/^apikey$/i.test(scheme)) {
        const secret = decode(rest).split(/:(.*)/s)[1];
        if (secret !== undefined) {
          this.add(secret);
          this.add(rest);
        }
      } else if (/^bearer$/i.test(scheme)) this.add(rest);
    }
    const body = typeof opts.body === 'string' ? safeJson(opts.body) : opts.body;
    this.#collectFields(body, ['password', 'access_token', 'refresh_token']);
  }

  /** API key secrets, encoded keys, tokens and service token values the gateway hands out. */
  collectResponse(json: unknown): void {
    this.#collectFields(json, ['api_key', 'encoded', 'access_token', 'refresh_token', 'value']);
    this.#collectPublic(json);
  }

  /** Fails if any recorded secret (or its base64) appears in the JSON log or an audit log file. */
  assertAbsent(stdout: string, dataDir: string): void {
    const logsDir = join(dataDir, 'logs');
    const audit = existsSync(logsDir)
      ? readdirSync(logsDir)
          .filter((f) => f.includes('_audit'))
          .map((f) => readFileSync(join(logsDir, f), 'utf8'))
          .join('\n')
      : '';
    for (const s of this.#secrets) {
      if (this.#public.has(s)) continue;
      for (const [name, text] of [['the JSON log', stdout], ['the audit log', audit]] as const) {
        assert.ok(!text.includes(s), `a secret (${s.slice(0, 3)}…) reached ${name}`);
      }
    }
  }

  #collectPublic(v: unknown): void {
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'id' && typeof x === 'string') this.#public.add(x);
      else this.#collectPublic(x);
    }
  }

  #collectFields(v: unknown, names: readonly string[]): void {
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (names.includes(k)) this.add(x);
      else this.#collectFields(x, names);
    }
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
