/**
 * The request target, read once and rebuilt canonically, so that what authorization decides on is what the
 * upstream parses: path segments percent-decoded one at a time (as ES decodes path parameters), empty
 * segments (`//`, trailing `/`) dropped, `.` and `..` refused, query parameters decoded (`+` is a space) with
 * duplicates refused. The forwarded request carries the canonical form, never the client's bytes.
 */
import { EsError } from '../../core/errors.ts';

export interface CanonicalTarget {
  /** Decoded path segments. */
  readonly segments: readonly string[];
  /** Decoded query parameters (each name once). */
  readonly query: ReadonlyMap<string, string>;
}

export function parseTarget(rawUrl: string): CanonicalTarget {
  if (rawUrl.charCodeAt(0) !== 0x2f || rawUrl.includes('#')) throw bad(`invalid request target [${rawUrl}]`);
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    const s = decode(raw, false, rawPath);
    if (s === '.' || s === '..') throw bad(`invalid path [${rawPath}]: relative segments are not allowed`);
    segments.push(s);
  }
  const query = new Map<string, string>();
  if (q >= 0) {
    for (const pair of rawUrl.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = decode(eq < 0 ? pair : pair.slice(0, eq), true, rawUrl);
      const value = eq < 0 ? '' : decode(pair.slice(eq + 1), true, rawUrl);
      if (query.has(name)) throw bad(`request [${rawPath}] contains the parameter [${name}] more than once`);
      query.set(name, value);
    }
  }
  return { segments, query };
}

/** The canonical request target for segments and query (what is forwarded). */
export function formatTarget(segments: readonly string[], query: ReadonlyMap<string, string>): string {
  let path = '/' + segments.map(encodeSegment).join('/');
  if (query.size > 0) {
    const parts: string[] = [];
    for (const [k, v] of query) parts.push(v === '' ? encodeQuery(k) : `${encodeQuery(k)}=${encodeQuery(v)}`);
    path += '?' + parts.join('&');
  }
  return path;
}

export function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%40/g, '@');
}

function encodeQuery(s: string): string {
  return encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%2A/g, '*');
}

function decode(s: string, plusAsSpace: boolean, whole: string): string {
  const t = plusAsSpace ? s.replace(/\+/g, ' ') : s;
  if (!t.includes('%')) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    throw bad(`unable to decode [${whole}]: invalid percent-encoding`);
  }
}

function bad(reason: string): EsError {
  return new EsError('bad_request', reason);
}
