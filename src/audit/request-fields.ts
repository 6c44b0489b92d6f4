import { OriginType } from './fields.ts';

/**
 * What audit needs of a request. `RequestInfo` (core/request.ts) fits it; credential headers are never
 * part of it, so no builder can copy one.
 */
export interface AuditRequest {
  readonly id: string;
  readonly method: string;
  /** Path and query as received (percent-encoded). */
  readonly uri: string;
  readonly remoteAddress: string;
  readonly remotePort?: number;
  /** Only `x-opaque-id`, `traceparent` and `x-forwarded-for` are read. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

type Fields = Record<string, string>;

/** `url.path`, `url.query` (only when there is a query) and `request.method`, split as ES splits the URI. */
export function restUriFields(uri: string, method: string): Fields {
  const hash = uri.indexOf('#');
  const end = hash < 0 ? uri.length : hash;
  const q = uri.indexOf('?');
  const out: Fields = {};
  if (q < 0 || q > end) out['url.path'] = uri.slice(0, end);
  else {
    out['url.path'] = uri.slice(0, q);
    out['url.query'] = uri.slice(q + 1, end);
  }
  out['request.method'] = method.toUpperCase();
  return out;
}

/** `origin.type: rest` and `origin.address` as `ip:port` (`[v6]:port` for IPv6). */
export function restOriginFields(r: AuditRequest): Fields {
  if (!r.remoteAddress) return { 'origin.type': OriginType.local_node };
  return { 'origin.type': OriginType.rest, 'origin.address': formatAddress(r.remoteAddress, r.remotePort) };
}

export function formatAddress(address: string, port?: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}

/** `opaque_id`, `trace.id` and `x_forwarded_for` from the request headers, when sent. */
export function headerFields(r: AuditRequest): Fields {
  const out: Fields = {};
  const opaque = r.headers['x-opaque-id'];
  if (opaque) out.opaque_id = opaque;
  const trace = traceId(r.headers.traceparent);
  if (trace) out['trace.id'] = trace;
  const xff = r.headers['x-forwarded-for'];
  if (xff) out.x_forwarded_for = xff;
  return out;
}

/** The trace id of a W3C `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`), or undefined. */
export function traceId(traceparent: string | undefined): string | undefined {
  const m = traceparent ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}/i.exec(traceparent.trim()) : null;
  return m ? m[1].toLowerCase() : undefined;
}
