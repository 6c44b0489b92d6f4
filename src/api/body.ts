import { EsError } from '../core/errors.ts';
import { keyAt, valueAt } from '../lib/json-positions.ts';
import { didYouMean } from '../lib/did-you-mean.ts';

/** The XContent token name ES reports for a JSON value in "found [...] instead" messages. */
export function tokenName(v: unknown): string {
  if (v === null) return 'VALUE_NULL';
  if (Array.isArray(v)) return 'START_ARRAY';
  switch (typeof v) {
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    default:
      return 'START_OBJECT';
  }
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) throw new EsError('parse', 'request body is required');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new EsError('parse', `expected an object, but found [${tokenName(body)}] instead`);
  }
  return body as Record<string, unknown>;
}

export const wrongType = (field: string, expected: string, v: unknown): EsError =>
  new EsError('parse', `expected field [${field}] to be of type ${expected}, but found [${tokenName(v)}] instead`);

export function stringField(field: string, v: unknown, nullable = false): string | null {
  if (typeof v === 'string') return v;
  if (nullable && v === null) return null;
  throw wrongType(field, 'string', v);
}

/** A string array, or (as ES accepts) one comma-separated string. */
export function stringArray(field: string, v: unknown): string[] {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new EsError('parse', `failed to parse field [${field}]: expected an array of strings, but found [${tokenName(v)}] instead`);
}

/** Comma-separated path parameter, as ES splits it. */
export function splitList(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

/** ES's object-parser error for a field it does not know: `[l:c] [parser] unknown field [f]`, with its suggestion. */
export function unknownFieldError(parser: string, obj: unknown, field: string, known: readonly string[]): EsError {
  return new EsError('x_content_parse', `${keyAt(obj, field)} [${parser}] unknown field [${field}]${didYouMean(field, known)}`);
}

/** ES's object-parser error for a value of the wrong JSON type: `[l:c] [parser] f doesn't support values of type: T`. */
export function valueTypeError(parser: string, obj: unknown, field: string, v: unknown): EsError {
  return new EsError('x_content_parse', `${valueAt(obj, field)} [${parser}] ${field} doesn't support values of type: ${tokenName(v)}`);
}

/** ES's object-parser wrapper around a field whose value failed: `[l:c] [parser] failed to parse field [f]`, caused by it. */
export function fieldParseError(parser: string, obj: unknown, field: string, cause: EsError, at = valueAt(obj, field)): EsError {
  return new EsError('x_content_parse', `${at} [${parser}] failed to parse field [${field}]`, { causedBy: cause });
}

/** ES's constructing-parser wrapper when building the request from its fields failed. */
export function buildError(parser: string, cause: EsError): EsError {
  return new EsError('x_content_parse', `Failed to build [${parser}] after last required field arrived`, { causedBy: cause });
}
