/**
 * The errors catalogue: every error the gateway renders has a stable code that maps to Elasticsearch's
 * exception type and HTTP status. Only the HTTP layer renders them (see http/respond.ts).
 */
export const ErrorCodes = {
  authentication_missing: { type: 'security_exception', status: 401 },
  authentication_failed: { type: 'security_exception', status: 401 },
  forbidden: { type: 'security_exception', status: 403 },
  validation: { type: 'action_request_validation_exception', status: 400 },
  parse: { type: 'parse_exception', status: 400 },
  x_content_parse: { type: 'x_content_parse_exception', status: 400 },
  illegal_argument: { type: 'illegal_argument_exception', status: 400 },
  illegal_state: { type: 'illegal_state_exception', status: 500 },
  bad_request: { type: 'illegal_argument_exception', status: 400 },
  not_found: { type: 'resource_not_found_exception', status: 404 },
  /** ES answers these two with a bare string: `{"error": "...", "status": 405}` and `{"error": "..."}`. */
  method_not_allowed: { type: 'method_not_allowed', status: 405, simple: 'with_status' },
  no_handler: { type: 'illegal_argument_exception', status: 400, simple: 'without_status' },
  version_conflict: { type: 'version_conflict_engine_exception', status: 409 },
  upstream_unavailable: { type: 'connect_transport_exception', status: 502 },
  upstream_timeout: { type: 'receive_timeout_transport_exception', status: 504 },
  request_too_large: { type: 'content_too_long_exception', status: 413 },
  /** The request (head or body) did not arrive within the edge deadlines (`portcullis.http.*_timeout`). */
  request_timeout: { type: 'http_request_timeout_exception', status: 408 },
  unsupported_media_type: { type: 'media_type_header_exception', status: 406 },
  unavailable: { type: 'status_exception', status: 503 },
  internal: { type: 'exception', status: 500 },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface EsErrorOptions {
  /** Extra top-level fields of the error object (e.g. `index`, `resource.id`). */
  fields?: Record<string, unknown>;
  /** HTTP headers, also rendered inside the body's `header` object (e.g. WWW-Authenticate). */
  headers?: Record<string, string[]>;
  /** Overrides the catalogue's type (e.g. `index_not_found_exception`). */
  type?: string;
  /** Overrides the catalogue's status. */
  status?: number;
  cause?: unknown;
  /** The error this one wraps, rendered as ES's `caused_by` (and chosen as `root_cause` by ES's rule). */
  causedBy?: EsError;
  /** For an authorization denial: the action refused (not rendered; the anonymous user's 401 names it). */
  action?: string;
  /** ES's `root_cause` entry when it is not the error itself (the deepest of ES's own exceptions in `caused_by`). */
  rootCause?: Record<string, unknown>;
}

/** An error destined for the client, in Elasticsearch's shape. */
export class EsError extends Error {
  readonly code: ErrorCode;
  readonly type: string;
  readonly status: number;
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string[]>;
  /** The action an authorization denial refused. */
  readonly action: string | undefined;
  readonly rootCause: Record<string, unknown> | undefined;
  readonly causedBy: EsError | undefined;
  constructor(code: ErrorCode, reason: string, options: EsErrorOptions = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EsError';
    this.code = code;
    this.type = options.type ?? ErrorCodes[code].type;
    this.status = options.status ?? ErrorCodes[code].status;
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
    this.action = options.action;
    this.rootCause = options.rootCause;
    this.causedBy = options.causedBy;
  }
}

export function isEsError(e: unknown): e is EsError {
  return e instanceof EsError;
}

export const validationError = (problems: string[]): EsError =>
  new EsError('validation', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);

export const illegalArgument = (reason: string): EsError => new EsError('illegal_argument', reason);
