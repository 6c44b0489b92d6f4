import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { RequestInfo } from '../core/request.ts';

/** The read-only request value the rest of the system sees (no secrets in it: credential headers are left out). */
export function requestInfo(req: IncomingMessage): RequestInfo {
  const uri = req.url ?? '/';
  const q = uri.indexOf('?');
  return {
    id: randomBytes(15).toString('base64url'),
    method: req.method ?? 'GET',
    uri,
    path: q < 0 ? uri : uri.slice(0, q),
    remoteAddress: req.socket.remoteAddress ?? '',
    headers: {
      'x-opaque-id': firstValue(req.headers['x-opaque-id']),
      traceparent: firstValue(req.headers.traceparent),
      'user-agent': firstValue(req.headers['user-agent']),
    },
  };
}

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
