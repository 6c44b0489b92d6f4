/**
 * Checks a buffered answer of a read API against the plan's ResponseCheck (authz/response-check.ts): decoded
 * if the upstream compressed it; a JSON answer is first scanned for its `_index` values (one pass over the
 * bytes, no parse); only when the scan finds a name the check refuses (or cannot read a value) is the answer
 * parsed, once, and its names read by shape; names refused on the metadata snapshot are asked again on fresh
 * metadata. The answer itself is never rewritten: it is sent as the upstream's bytes, or withheld.
 */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import type { ResponseCheck } from '../authz/response-check.ts';
import type { Authentication } from '../core/authentication.ts';
import { EsError } from '../core/errors.ts';
import { deniedMessage } from '../authz/messages.ts';
import { answerIndices, scanIndexNames } from './answer-indices.ts';

const JSON_TYPE = /^\s*application\/(json|vnd\.elasticsearch\+json)\s*(;|$)/i;

export type AnswerVerdict =
  | { readonly ok: true }
  /** The answer names indices the request was not authorized for. */
  | { readonly ok: false; readonly refused: readonly string[] }
  /** The answer could not be read (not JSON, an unknown encoding): it cannot be checked. */
  | { readonly ok: false; readonly unreadable: string };

export interface Answer {
  readonly status: number;
  /** Flat [name, value, …] list. */
  readonly headers: readonly string[];
  readonly body: Buffer;
}

export async function checkAnswer(check: ResponseCheck, answer: Answer, limit: number): Promise<AnswerVerdict> {
  if (answer.body.length === 0) return { ok: true }; // HEAD, or an empty error answer
  const encoding = header(answer.headers, 'content-encoding')?.trim().toLowerCase() ?? 'identity';
  const text = decode(answer.body, encoding, limit);
  if (text === null) return { ok: false, unreadable: `content-encoding [${encoding}]` };
  const type = header(answer.headers, 'content-type');
  if (type !== undefined && JSON_TYPE.test(type)) {
    const scanned = scanIndexNames(text);
    if (scanned !== null && allPermitted(check, scanned)) return { ok: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.toString('utf8'));
  } catch {
    // An error answer carries no documents: relayed as it is, whatever its form.
    return answer.status >= 300 ? { ok: true } : { ok: false, unreadable: `content-type [${type ?? 'none'}]` };
  }
  const refused: string[] = [];
  for (const name of answerIndices(json, check.shape)) if (!check.permit(name)) refused.push(name);
  if (refused.length === 0) return { ok: true };
  const still = await check.recheck(refused);
  return still.length === 0 ? { ok: true } : { ok: false, refused: still };
}

function allPermitted(check: ResponseCheck, names: Iterable<string>): boolean {
  for (const n of names) if (!check.permit(n)) return false;
  return true;
}

/**
 * What the client gets instead of a withheld answer: ES's 403 for the action, without the names (they are in
 * the audit event and the log, not told to a caller who may not know they exist).
 */
export function withheld(auth: Authentication, check: ResponseCheck, verdict: AnswerVerdict & { ok: false }): EsError {
  const why = 'refused' in verdict
    ? 'the upstream answer named indices the request was not authorized for; the answer was withheld'
    : `the upstream answer could not be checked (${verdict.unreadable}); the answer was withheld`;
  return new EsError('forbidden', `${deniedMessage(auth, check.action, { effectiveRoles: check.roles, withoutGrantHint: true })}: ${why}`, { action: check.action });
}

/** ES's breaker refusal, for an answer too large to be held and checked. */
export function answerTooLarge(size: number, limit: number): EsError {
  return new EsError('unavailable', `[portcullis.forward.max_checked_response_size] the answer of [${size}] bytes is larger than the limit of [${limit}] bytes for answers the gateway checks`, {
    type: 'circuit_breaking_exception',
    status: 429,
    fields: { bytes_wanted: size, bytes_limit: limit, durability: 'PERMANENT' },
  });
}

export function decode(raw: Buffer, encoding: string, limit: number): Buffer | null {
  try {
    if (encoding === 'identity' || encoding === '') return raw;
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(raw, { maxOutputLength: limit });
    if (encoding === 'deflate') return inflateSync(raw, { maxOutputLength: limit });
    if (encoding === 'br') return brotliDecompressSync(raw, { maxOutputLength: limit });
  } catch {
    return null;
  }
  return null;
}

export function header(headers: readonly string[], name: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) if (headers[i].toLowerCase() === name) return headers[i + 1];
  return undefined;
}
