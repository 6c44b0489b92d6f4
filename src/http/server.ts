import { createServer as createHttpServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TlsOptions {
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  readonly pfx?: Buffer;
  readonly ca?: string[];
  readonly clientAuthentication: 'none' | 'optional' | 'required';
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The listener: HTTPS (default) or plain HTTP, keep-alive, with the pipeline as its one handler. */
export function createServer(tls: TlsOptions | null, handler: RequestHandler): Server {
  const common = { keepAlive: true, keepAliveTimeout: 65_000, headersTimeout: 60_000, requestTimeout: 0, maxHeaderSize: 16 * 1024 };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => void handler(req, res);
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
        },
        onRequest,
      )
    : createHttpServer(common, onRequest);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !(err.code === 'ECONNRESET')) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
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
