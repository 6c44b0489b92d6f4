import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { connect as netConnect } from 'node:net';
import { lookup } from 'node:dns/promises';
import { createHash, X509Certificate } from 'node:crypto';

/** How to reach and trust the server. */
export interface Target {
  /** The server's base URL, without credentials. */
  readonly url: URL;
  /** PEM CA certificates to trust instead of Node's bundled roots. */
  readonly ca?: string;
  /** Pin: the SHA-256 fingerprint (hex, no colons, lowercase) one certificate of the chain must have. */
  readonly fingerprint?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
  readonly timeoutMs: number;
}

export type HttpResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly text: string;
      readonly json: any;
      readonly sentAt: number;
      readonly receivedAt: number;
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

export const host = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
export const port = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** One request; never throws: transport failures come back as `{ ok: false, code }`. */
export function httpProbe(t: Target, method: string, path: string, authorization?: string, scheme?: 'http:' | 'https:'): Promise<HttpResult> {
  const https = (scheme ?? t.url.protocol) === 'https:';
  const headers: Record<string, string> = { accept: 'application/json', 'x-opaque-id': 'portcullis-doctor' };
  if (authorization !== undefined) headers.authorization = authorization;
  return new Promise((resolve) => {
    const sentAt = Date.now();
    let settled = false;
    const done = (r: HttpResult) => {
      if (!settled) resolve(r);
      settled = true;
    };
    let req;
    try {
      const options = {
        host: host(t.url),
        port: port(t.url),
        method,
        path,
        headers,
        agent: false as const,
        timeout: t.timeoutMs,
        ...(https ? tlsOptions(t) : {}),
      };
      req = (https ? httpsRequest : httpRequest)(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, code: e.code ?? 'ERR', message: e.message }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          done({ ok: true, status: res.statusCode ?? 0, headers: res.headers, text, json, sentAt, receivedAt: Date.now() });
        });
      });
    } catch (e) {
      // Node refuses to send some header values at all (a newline, a control character).
      return done({ ok: false, code: (e as NodeJS.ErrnoException).code ?? 'ERR', message: (e as Error).message });
    }
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, code: e.code ?? 'ERR', message: e.message }));
    if (https && t.fingerprint) {
      req.on('socket', (s) => s.once('secureConnect', () => pinCheck(s as TLSSocket, t.fingerprint!, req)));
    }
    req.end();
  });
}

function tlsOptions(t: Target) {
  return {
    ...(t.ca ? { ca: t.ca } : {}),
    ...(t.clientCert ? { cert: t.clientCert } : {}),
    ...(t.clientKey ? { key: t.clientKey } : {}),
    // With a pinned fingerprint the chain is checked against the pin instead (as Elastic's clients do).
    rejectUnauthorized: t.fingerprint === undefined,
  };
}

function pinCheck(s: TLSSocket, fingerprint: string, req: { destroy(e: Error): void }): void {
  if (!chain(s.getPeerCertificate(true)).some((c) => c.fingerprint === fingerprint)) {
    req.destroy(Object.assign(new Error('no certificate of the chain has the configured fingerprint'), { code: 'FINGERPRINT_MISMATCH' }));
  }
}

export interface CertInfo {
  readonly subject: string;
  readonly issuer: string;
  /** SHA-256, lowercase hex without colons. */
  readonly fingerprint: string;
  readonly sans: readonly string[];
  readonly validTo: string;
}

/** The presented chain, leaf first. */
export function chain(leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }): CertInfo[] {
  const out: CertInfo[] = [];
  const seen = new Set<string>();
  let c: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = leaf;
  while (c && c.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push(certInfo(c.raw));
    c = c.issuerCertificate;
  }
  return out;
}

export function certInfo(raw: Buffer): CertInfo {
  const x = new X509Certificate(raw);
  return {
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    fingerprint: createHash('sha256').update(raw).digest('hex'),
    sans: (x.subjectAltName ?? '').split(/,\s*/).filter(Boolean),
    validTo: x.validTo,
  };
}

export type TlsResult =
  | { readonly ok: true; readonly authorized: boolean; readonly authorizationError?: string; readonly chain: readonly CertInfo[]; readonly protocol: string | null }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** A TLS handshake with verification (`verify`), or without it to see what the server presents. */
export function tlsProbe(t: Target, verify: boolean): Promise<TlsResult> {
  return new Promise((resolve) => {
    const h = host(t.url);
    const isIp = /^[\d.]+$|:/.test(h);
    const s = tlsConnect({
      host: h,
      port: port(t.url),
      ...(isIp ? {} : { servername: h }),
      ...(t.ca ? { ca: t.ca } : {}),
      ...(t.clientCert ? { cert: t.clientCert } : {}),
      ...(t.clientKey ? { key: t.clientKey } : {}),
      rejectUnauthorized: verify,
      timeout: t.timeoutMs,
    });
    const finish = (r: TlsResult) => {
      s.destroy();
      resolve(r);
    };
    s.once('secureConnect', () =>
      finish({
        ok: true,
        authorized: s.authorized,
        authorizationError: s.authorizationError ? String((s.authorizationError as unknown as { code?: string }).code ?? s.authorizationError) : undefined,
        chain: chain(s.getPeerCertificate(true)),
        protocol: s.getProtocol(),
      }),
    );
    s.once('timeout', () => finish({ ok: false, code: 'ETIMEDOUT', message: 'the TLS handshake timed out' }));
    s.once('error', (e: NodeJS.ErrnoException) => finish({ ok: false, code: e.code ?? 'ERR', message: e.message }));
  });
}

export type NetResult = { readonly ok: true; readonly addresses?: readonly string[] } | { readonly ok: false; readonly code: string; readonly message: string };

export async function dnsProbe(url: URL): Promise<NetResult> {
  try {
    const all = await lookup(host(url), { all: true });
    return { ok: true, addresses: all.map((a) => a.address) };
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? 'ERR', message: (e as Error).message };
  }
}

export function tcpProbe(url: URL, timeoutMs: number): Promise<NetResult> {
  return new Promise((resolve) => {
    const s = netConnect({ host: host(url), port: port(url), timeout: timeoutMs });
    const finish = (r: NetResult) => {
      s.destroy();
      resolve(r);
    };
    s.once('connect', () => finish({ ok: true }));
    s.once('timeout', () => finish({ ok: false, code: 'ETIMEDOUT', message: 'timed out' }));
    s.once('error', (e: NodeJS.ErrnoException) => finish({ ok: false, code: e.code ?? 'ERR', message: e.message }));
  });
}
