// Test support for this folder (not used at runtime): a real node:https server, a one-shot client, and
// `openssl x509 -text` parsed into fields.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** An HTTPS server answering every request like Elasticsearch's `GET /` would, enough for its client. */
export async function startHttpsServer(tls: { key: string; cert: string }, host = '127.0.0.1'): Promise<RunningServer> {
  const server = https.createServer(tls, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    res.end(JSON.stringify({ name: 'portcullis-test', tagline: 'You Know, for Search' }));
  });
  server.listen(0, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export interface GetOptions {
  host: string;
  port: number;
  /** Trusted roots; when absent Node's default (public) roots apply. */
  ca?: string;
  servername?: string;
  family?: 4 | 6;
}

/** GET / over TLS with full verification; resolves with the status, rejects with the TLS error. */
export function httpsGet(opts: GetOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.get({ ...opts, path: '/', agent: false, rejectUnauthorized: true }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

export interface OpensslExtension {
  critical: boolean;
  value: string;
}

export interface OpensslText {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** By OpenSSL's display name, e.g. `X509v3 Basic Constraints`. */
  extensions: Map<string, OpensslExtension>;
}

/** `openssl x509 -noout -text`, parsed; null when openssl is not installed. */
export function opensslText(certPem: string): OpensslText | null {
  const run = spawnSync('openssl', ['x509', '-noout', '-text'], { input: certPem, encoding: 'utf8' });
  if (run.error) return null;
  if (run.status !== 0) throw new Error(`openssl failed: ${run.stderr}`);
  return parseOpensslText(run.stdout);
}

export const hasOpenssl = spawnSync('openssl', ['version']).error === undefined;

function parseOpensslText(text: string): OpensslText {
  const field = (re: RegExp) => re.exec(text)?.[1].trim() ?? '';
  const extensions = new Map<string, OpensslExtension>();
  const section = text.split(/^\s+X509v3 extensions:\s*$/m)[1]?.split(/^\s{4}Signature Algorithm:/m)[0] ?? '';
  let current: OpensslExtension | undefined;
  for (const line of section.split('\n')) {
    const header = /^\s{12}(\S[^:]*):\s*(critical)?\s*$/.exec(line);
    if (header) {
      current = { critical: header[2] === 'critical', value: '' };
      extensions.set(header[1], current);
    } else if (current && line.trim() !== '') {
      current.value = (current.value ? `${current.value} ` : '') + line.trim();
    }
  }
  return {
    subject: field(/^\s+Subject:(.*)$/m),
    issuer: field(/^\s+Issuer:(.*)$/m),
    notBefore: new Date(field(/Not Before\s*:(.*)$/m)),
    notAfter: new Date(field(/Not After\s*:(.*)$/m)),
    extensions,
  };
}

/** Splits OpenSSL's subjectAltName text into `DNS:x` / `IP:y` entries, IPs in canonical form. */
export function opensslSans(value: string): string[] {
  return value.split(',').map((entry) => {
    const [kind, ...rest] = entry.trim().split(':');
    const data = rest.join(':');
    if (kind !== 'IP Address') return `${kind}:${data}`;
    return `IP:${data.includes(':') ? new URL(`http://[${data}]/`).hostname.slice(1, -1) : data}`;
  });
}
