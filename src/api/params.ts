import { EsError } from '../core/errors.ts';
import { COMMON_PARAMS } from '../authz/grammar/params.ts';
import { suggestions } from '../authz/grammar/check-body.ts';

/**
 * ES's check of a served endpoint's query parameters: a name neither the endpoint's nor a common one
 * (`pretty`, `human`, `error_trace`, `filter_path`) is a 400, `contains unrecognized parameter: [x]`.
 */
export function checkParams(path: string, query: URLSearchParams, accepted: readonly string[]): void {
  const unknown = [...new Set(query.keys())].filter((n) => !accepted.includes(n) && !Object.hasOwn(COMMON_PARAMS, n));
  if (unknown.length === 0) return;
  const known = [...accepted, ...Object.keys(COMMON_PARAMS)];
  const parts = unknown.map((n) => {
    const hints = suggestions(n, known);
    if (hints.length === 0) return `[${n}]`;
    return hints.length === 1 ? `[${n}] -> did you mean [${hints[0]}]?` : `[${n}] -> did you mean any of [${hints.join(', ')}]?`;
  });
  throw new EsError('illegal_argument', `request [${path}] contains unrecognized parameter${unknown.length > 1 ? 's' : ''}: ${parts.join(', ')}`);
}

/** A boolean query parameter as ES reads one: absent is `dflt`, empty or `true` is true, `false` false. */
export function booleanParam(query: URLSearchParams, name: string, dflt = false): boolean {
  const v = query.get(name);
  if (v === null) return dflt;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EsError('illegal_argument', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** The `refresh` parameter of ES's write APIs: `true` (or empty), `false`, `wait_for`. The store is read-after-write, so each is immediate. */
export function checkRefresh(query: URLSearchParams): void {
  const v = query.get('refresh');
  if (v !== null && !['', 'true', 'false', 'wait_for'].includes(v)) throw new EsError('illegal_argument', `Unknown value for refresh: [${v}].`);
}

/** A long query parameter (ES: `Failed to parse long parameter [x] with value [y]`). */
export function longParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (!/^-?\d+$/.test(v)) throw new EsError('illegal_argument', `Failed to parse long parameter [${name}] with value [${v}]`);
  return Number(v);
}
