/**
 * The benchmark baseline: a bare undici pass-through with no security at all — minimal header copy,
 * the same streaming approach as src/proxy/upstream.ts (undici `stream`, request body piped in,
 * response written straight into the ServerResponse). Portcullis' proxy path is measured against it.
 *
 *   node bench/bare-proxy.ts http://127.0.0.1:9200 9201
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

export interface BareProxy {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

// Only what HTTP framing forces a proxy to drop (undici refuses some of them outright).
const DROP_REQUEST = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer']);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding']);

export async function createBareProxy(upstreamUrl: string, port = 0, connections = 128): Promise<BareProxy> {
  const pool = new Pool(upstreamUrl, { connections });
  const server = createServer((req, res) => forward(pool, req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}

function forward(pool: Pool, req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string | string[]> = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value !== undefined && !DROP_REQUEST.has(name)) headers[name] = value;
  }
  const length = req.headers['content-length'];
  const hasBody = req.method !== 'HEAD' && (length !== undefined ? length !== '0' : req.headers['transfer-encoding'] !== undefined);
  pool
    .stream(
      {
        method: req.method as Dispatcher.HttpMethod,
        path: req.url ?? '/',
        headers,
        body: hasBody ? req : null,
        responseHeaders: 'raw',
      },
      ({ statusCode, headers: raw }) => {
        const flat = raw as unknown as string[];
        const out: string[] = [];
        for (let i = 0; i < flat.length; i += 2) {
          if (!DROP_RESPONSE.has(flat[i].toLowerCase())) out.push(flat[i], flat[i + 1]);
        }
        res.writeHead(statusCode, out);
        return res;
      },
    )
    .catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
}

if (import.meta.main) {
  const [upstreamUrl = 'http://127.0.0.1:9200', port = '9201'] = process.argv.slice(2);
  const proxy = await createBareProxy(upstreamUrl, Number(port));
  process.stdout.write(`bare proxy ${proxy.url} -> ${upstreamUrl}\n`);
  process.on('SIGINT', () => void proxy.close());
  process.on('SIGTERM', () => void proxy.close());
}
