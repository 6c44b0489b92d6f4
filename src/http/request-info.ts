import type { IncomingMessage } from 'node:http';
import { randomFillSync } from 'node:crypto';
import type { RequestInfo } from '../core/request.ts';

/** The read-only request value the rest of the system sees (no secrets in it: credential headers are left out). */
export function requestInfo(req: IncomingMessage): RequestInfo {
  const uri = req.url ?? '/';
  const q = uri.indexOf('?');
  return {
    id: requestId(),
    method: req.method ?? 'GET',
    uri,
    path: q < 0 ? uri : uri.slice(0, q),
    remoteAddress: req.socket.remoteAddress ?? '',
    remotePort: req.socket.remotePort,
    headers: {
      'x-opaque-id': firstValue(req.headers['x-opaque-id']),
      traceparent: firstValue(req.headers.traceparent),
      'user-agent': firstValue(req.headers['user-agent']),
      'x-forwarded-for': firstValue(req.headers['x-forwarded-for']),
    },
  };
}

const ID_BYTES = 15;
const pool = Buffer.allocUnsafe(ID_BYTES * 256);
let used = pool.length;

/**
 * A request id: 120 random bits as 20 URL-safe base64 characters. The bytes come from a pool refilled
 * 256 ids at a time: one synchronous CSPRNG call per request cost more than the rest of `requestInfo`.
 */
function requestId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + ID_BYTES);
  used += ID_BYTES;
  return id;
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
