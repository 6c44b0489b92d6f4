import { EsError } from '../core/errors.ts';

/**
 * Maps a failure of the upstream exchange (undici or socket error) to the catalogue. Reasons are fixed
 * phrases: never the upstream's address, URL or credentials. The original error stays as `cause` for logs.
 */

/** Errors raised while establishing the connection: nothing reached the upstream, so another one may be tried. */
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const CLOSED_CODES: ReadonlySet<string> = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

export function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** True when the request never reached the upstream (safe to try another one). */
export function isConnectFailure(err: unknown): boolean {
  const code = errorCode(err);
  return CONNECT_CODES.has(code) || isTlsFailure(code);
}

function isTlsFailure(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

export function upstreamError(err: unknown): EsError {
  if (err instanceof EsError) return err;
  const code = errorCode(err);
  const cause = { cause: err };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new EsError('upstream_timeout', 'timed out connecting to the upstream cluster', cause);
  }
  if (TIMEOUT_CODES.has(code)) {
    return new EsError('upstream_timeout', 'timed out waiting for a response from the upstream cluster', cause);
  }
  if (CONNECT_CODES.has(code)) {
    return new EsError('upstream_unavailable', 'could not connect to the upstream cluster', cause);
  }
  if (isTlsFailure(code)) {
    return new EsError('upstream_unavailable', 'could not establish a TLS connection to the upstream cluster', cause);
  }
  if (CLOSED_CODES.has(code)) {
    return new EsError('upstream_unavailable', 'the connection pool to the upstream cluster is closed', cause);
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') {
    return new EsError('bad_request', 'the request cannot be forwarded to the upstream cluster', cause);
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new EsError('upstream_unavailable', 'the upstream cluster closed the connection', cause);
  }
  if (isInvalidResponse(err, code)) {
    return new EsError('upstream_unavailable', 'invalid response from the upstream cluster', cause);
  }
  return new EsError('upstream_unavailable', 'the connection to the upstream cluster failed', cause);
}

function isInvalidResponse(err: unknown, code: string): boolean {
  return (
    (err as { name?: unknown } | null)?.name === 'HTTPParserError' ||
    code.startsWith('HPE_') ||
    code === 'UND_ERR_HEADERS_OVERFLOW' ||
    code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
  );
}
