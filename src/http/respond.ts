import type { IncomingMessage, ServerResponse } from 'node:http';
import { EsError, ErrorCodes } from '../core/errors.ts';

const COMPAT = /application\/vnd\.elasticsearch\+json\s*;\s*compatible-with\s*=\s*(\d+)/i;

/** The `compatible-with` version the client asked for (Accept, else Content-Type), if any. */
export function compatibleVersion(req: IncomingMessage): number | undefined {
  const m = COMPAT.exec(String(req.headers.accept ?? '')) ?? COMPAT.exec(String(req.headers['content-type'] ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** ES answers in the media type the client asked for: the versioned compat type, or plain JSON. */
export function responseContentType(req: IncomingMessage): string {
  const m = COMPAT.exec(String(req.headers.accept ?? '')) ?? COMPAT.exec(String(req.headers['content-type'] ?? ''));
  return m ? `application/vnd.elasticsearch+json;compatible-with=${m[1]}` : 'application/json';
}

function wantsPretty(req: IncomingMessage): boolean {
  const q = req.url?.indexOf('?') ?? -1;
  if (q < 0) return false;
  const v = new URLSearchParams(req.url!.slice(q + 1)).get('pretty');
  return v !== null && v !== 'false';
}

/** Writes a JSON response the way ES does (product header, X-Opaque-Id echoed, optional ?pretty). */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string[]> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = wantsPretty(req) ? JSON.stringify(body, null, 2) + '\n' : JSON.stringify(body);
  const payload = Buffer.from(text, 'utf8');
  res.statusCode = status;
  for (const [name, values] of Object.entries(headers)) res.setHeader(name, values);
  res.setHeader('X-elastic-product', 'Elasticsearch');
  res.setHeader('content-type', responseContentType(req));
  res.setHeader('content-length', payload.length);
  const opaque = req.headers['x-opaque-id'];
  if (typeof opaque === 'string') res.setHeader('X-Opaque-Id', opaque);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Java's own exceptions (a validation failure is one): ES's search for a root cause stops above them. */
const JAVA_EXCEPTIONS = new Set([
  'illegal_argument_exception',
  'illegal_state_exception',
  'unsupported_operation_exception',
  'json_parse_exception',
  'json_e_o_f_exception',
  'number_format_exception',
  'action_request_validation_exception',
]);

function causeObject(e: EsError, withCause: boolean): Record<string, unknown> {
  const header = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const cause: Record<string, unknown> = { type: e.type, reason: e.message, ...e.fields };
  if (Object.keys(header).length) cause.header = header;
  if (withCause && e.causedBy) cause.caused_by = causeObject(e.causedBy, true);
  return cause;
}

/** ES's root cause: follow the wrapped errors while they are Elasticsearch's own, not Java's. */
function rootCause(e: EsError): EsError {
  let root = e;
  while (root.causedBy && !JAVA_EXCEPTIONS.has(root.causedBy.type)) root = root.causedBy;
  return root;
}

/** ES's error body: `{ error: { root_cause: [...], type, reason, header?, caused_by? }, status }`. */
export function errorBody(e: EsError): unknown {
  const simple = (ErrorCodes[e.code] as { simple?: string }).simple;
  if (simple === 'with_status') return { error: e.message, status: e.status };
  if (simple === 'without_status') return { error: e.message };
  return { error: { root_cause: [e.rootCause ?? causeObject(rootCause(e), false)], ...causeObject(e, true) }, status: e.status };
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: EsError): void {
  sendJson(req, res, e.status, errorBody(e), e.headers);
}
