import { createServer as createHttpServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Settings } from '../config/load.ts';
import { SettingsError } from '../config/load.ts';
import { parseByteSize } from '../lib/byte-size.ts';
import { answerAndClose, clientErrorAnswer } from './client-error.ts';

export interface TlsOptions {
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  readonly pfx?: Buffer;
  readonly ca?: string[];
  readonly clientAuthentication: 'none' | 'optional' | 'required';
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The edge's bounds on one client (see docs/configuration.md, "Connections and deadlines"). */
export interface EdgeLimits {
  /** `http.max_header_size`: request line plus headers, in bytes. */
  readonly maxHeaderSize: number;
  /** `portcullis.http.header_timeout`: the request headers must arrive within this. */
  readonly headerTimeoutMs: number;
  /** `portcullis.http.request_timeout`: the whole request (headers and body) must arrive within this. */
  readonly requestTimeoutMs: number;
  /** `portcullis.http.keep_alive_timeout`: an idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** `portcullis.http.max_connections`: connections beyond this many open ones are closed at once. */
  readonly maxConnections: number;
}

export const EDGE_DEFAULTS: EdgeLimits = { maxHeaderSize: 16 * 1024, headerTimeoutMs: 30_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 65_000, maxConnections: 1024 };

/** The edge limits from the settings (defaults in config/schema.ts). */
export function edgeLimits(settings: Settings): EdgeLimits {
  const size = (key: string) => {
    const n = parseByteSize(settings.get<string>(key));
    if (n === null) throw new SettingsError(`invalid value for setting [${key}] in [${settings.source}]: expected a size such as 16kb`);
    return n;
  };
  return {
    maxHeaderSize: size('http.max_header_size'),
    headerTimeoutMs: settings.get<number>('portcullis.http.header_timeout'),
    requestTimeoutMs: settings.get<number>('portcullis.http.request_timeout'),
    keepAliveTimeoutMs: settings.get<number>('portcullis.http.keep_alive_timeout'),
    maxConnections: settings.get<number>('portcullis.http.max_connections'),
  };
}

/**
 * The listener: HTTPS (default) or plain HTTP, keep-alive, with the pipeline as its one handler. The deadlines
 * are Node's own (`headersTimeout`, `requestTimeout`: one place for every body reader, including bodies streamed
 * upstream unread); what the parser or a deadline gives up on is answered by `clientError` (client-error.ts).
 */
export function createServer(tls: TlsOptions | null, handler: RequestHandler, limits: EdgeLimits = EDGE_DEFAULTS, log?: Logger): Server {
  const common = {
    keepAlive: true,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    headersTimeout: Math.min(limits.headerTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    // How often Node checks the two deadlines: a quarter of the shorter one, between 100 ms and 1 s.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(Math.min(limits.headerTimeoutMs, limits.requestTimeoutMs) / 4))),
    maxHeaderSize: limits.maxHeaderSize,
  };
  const inFlight = new WeakMap<Duplex, ServerResponse>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(req.socket, res);
    res.once('close', () => {
      if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
    });
    void handler(req, res);
  };
  const server = tls
    ? createHttpsServer(
        {
          ...common,
          cert: tls.cert,
          key: tls.key,
          passphrase: tls.passphrase,
          pfx: tls.pfx,
          ca: tls.ca,
          requestCert: tls.clientAuthentication !== 'none',
          rejectUnauthorized: tls.clientAuthentication === 'required',
          minVersion: 'TLSv1.2',
          // A TLS handshake that does not complete is held no longer than request headers would be.
          handshakeTimeout: limits.headerTimeoutMs,
        },
        onRequest,
      )
    : createHttpServer(common, onRequest);
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const res = inFlight.get(socket);
    const answer = socket.writable && res?.headersSent !== true ? clientErrorAnswer(err, res ? 'body' : 'head', limits.maxHeaderSize) : null;
    log?.debug({ code: err.code, status: answer?.status }, 'client connection error');
    if (answer) answerAndClose(socket, answer);
    else socket.destroy();
  });
  server.on('drop', dropLogger(log, limits.maxConnections));
  return server;
}

/** Connections refused over `max_connections`: one warning a minute at most, with the count since the last. */
function dropLogger(log: Logger | undefined, max: number): () => void {
  let dropped = 0;
  let last = 0;
  return () => {
    dropped++;
    const now = Date.now();
    if (now - last < 60_000) return;
    log?.warn({ dropped, maxConnections: max }, 'connections refused: portcullis.http.max_connections reached');
    last = now;
    dropped = 0;
  };
}

export function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** `host:port`, `[v6]:port` or `:port`. */
export function parseListen(s: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(s.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}
