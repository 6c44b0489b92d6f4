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

/** How much of a 401/403 answer is read to tell a refused service credential from an ES error such as a block. */
export const REFUSAL_BODY_LIMIT = 64 * 1024;

/**
 * An upstream 401 or 403 said to the gateway: the client's credentials never reach the upstream, so a 401 (and a
 * 403 that is a `security_exception` or not an Elasticsearch error at all) is about the gateway's own service
 * credential. It becomes a 502 that says so; the upstream's reason (which names the service user) and its
 * `WWW-Authenticate` are not relayed. A 403 the cluster means for the request (`cluster_block_exception`) is null.
 */
export function credentialRefusal(status: number, body: Buffer): EsError | null {
  if (status === 401) {
    return new EsError('upstream_unavailable', 'the upstream cluster rejected the gateway\'s own credential (HTTP 401): check portcullis.upstream.username and portcullis.upstream.password, or portcullis.upstream.api_key');
  }
  if (status !== 403) return null;
  const type = errorType(body);
  if (type !== null && type !== 'security_exception') return null;
  return new EsError('upstream_unavailable', 'the upstream cluster denied the gateway\'s own credential (HTTP 403): the service credential (portcullis.upstream.*) lacks the privileges this request needs');
}

function errorType(body: Buffer): string | null {
  try {
    const json = JSON.parse(body.toString('utf8')) as { error?: { type?: unknown; root_cause?: { type?: unknown }[] } } | null;
    const type = json?.error?.type ?? json?.error?.root_cause?.[0]?.type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}
