import { EsError } from '../../../core/errors.ts';

/** Parameters every ES REST handler accepts (the gateway renders `pretty`; `human` is read where ES reads it). */
const COMMON = ['pretty', 'human', 'error_trace', 'filter_path'] as const;

/** ES's refusal of a parameter the endpoint does not read: `request [/_xpack] contains unrecognized parameter: [foo]`. */
export function checkParams(path: string, query: URLSearchParams, accepted: readonly string[]): void {
  const unknown = [...new Set(query.keys())].filter((k) => !accepted.includes(k) && !(COMMON as readonly string[]).includes(k));
  if (unknown.length === 0) return;
  const plural = unknown.length > 1 ? 's' : '';
  throw new EsError('illegal_argument', `request [${path}] contains unrecognized parameter${plural}: ${unknown.map((n) => `[${n}]`).join(', ')}`);
}

/** A boolean parameter as ES parses it: absent → the default, empty or `true` → true, `false` → false. */
export function boolParam(query: URLSearchParams, name: string, byDefault: boolean): boolean {
  const v = query.get(name);
  if (v === null) return byDefault;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new EsError('illegal_argument', `Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** `accept_enterprise` (deprecated in ES 8, still read by Kibana): absent or true; false is refused, as ES 9. */
export function checkAcceptEnterprise(query: URLSearchParams): void {
  if (!boolParam(query, 'accept_enterprise', true)) throw new EsError('illegal_argument', 'The [accept_enterprise] parameters may not be false');
}
