import { Agent, request } from 'undici';
import { errorCode } from './upstream-error.ts';
import type { UpstreamTlsSettings } from './upstream.ts';

/**
 * Watches whether the upstream answers at all, from start-up until it does: one `GET /` per URL (no
 * credential is sent: any HTTP answer proves the cluster is reachable), retried with a growing delay.
 * A failed attempt is a warning naming the URL and the cause; the first answer is an info line. The gateway
 * serves meanwhile: requests that need the cluster get the forwarder's 502/504 in ES's error shape.
 */
export interface ProbeLog {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export interface ProbeOptions {
  readonly urls: readonly string[];
  readonly log: ProbeLog;
  readonly tls?: UpstreamTlsSettings;
  readonly timeoutMs: number;
  /** Delays between attempts: starts at `initialMs`, doubles up to `maxMs`. */
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** One attempt; resolves with null when the URL answered, else with the cause. Replaceable for tests. */
  readonly attempt?: (url: string) => Promise<string | null>;
}

/** Why a connection failed, in words, with the system's code. */
const CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing is listening there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name cannot be resolved right now',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  UND_ERR_HEADERS_TIMEOUT: 'connected, but no answer in time',
  UND_ERR_SOCKET: 'the connection was closed',
};

export function describeFailure(err: unknown): string {
  const code = errorCode(err) || errorCode((err as { cause?: unknown } | null)?.cause);
  const phrase = CAUSES[code];
  if (phrase) return `${code}: ${phrase}`;
  if (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return `${code}: the TLS handshake failed`;
  const message = (err as Error | null)?.message;
  return code ? `${code}: ${message ?? 'connection failed'}` : (message ?? 'connection failed');
}

/** The URL as logged: without user info. */
export function redactedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.username = '';
    u.password = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return '[unparseable url]';
  }
}

function httpAttempt(tls: UpstreamTlsSettings | undefined, timeoutMs: number): (url: string) => Promise<string | null> {
  return async (url) => {
    const dispatcher = new Agent({
      connect: {
        timeout: timeoutMs,
        ...(tls?.caPem === undefined ? {} : { ca: tls.caPem }),
        rejectUnauthorized: tls?.rejectUnauthorized ?? true,
        ...(tls?.verifyHostname === false ? { checkServerIdentity: () => undefined } : {}),
      },
    });
    try {
      const origin = new URL(url).origin;
      const r = await request(origin + '/', { method: 'GET', dispatcher, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      await r.body.dump();
      return null;
    } catch (e) {
      return describeFailure(e);
    } finally {
      await dispatcher.close().catch(() => undefined);
    }
  };
}

/** Starts watching; the returned function stops it (pending timers are cleared). */
export function watchUpstream(opts: ProbeOptions): () => void {
  const attempt = opts.attempt ?? httpAttempt(opts.tls, opts.timeoutMs);
  const initial = opts.initialMs ?? 1_000;
  const max = opts.maxMs ?? 30_000;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const watch = (url: string, delay: number, failures: number) => {
    void attempt(url).then((cause) => {
      if (stopped) return;
      const shown = redactedUrl(url);
      if (cause === null) {
        opts.log.info({ upstream: shown, ...(failures > 0 ? { attempts: failures + 1 } : {}) }, failures > 0 ? 'upstream reachable again' : 'upstream reachable');
        return;
      }
      opts.log.warn({ upstream: shown, cause, retry_in_ms: delay }, `upstream [${shown}] not reachable (${cause}); the gateway serves meanwhile and retries`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        watch(url, Math.min(delay * 2, max), failures + 1);
      }, delay);
      timer.unref();
      timers.add(timer);
    });
  };
  for (const url of opts.urls) watch(url, initial, 0);
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
