/** A whole search request body: every top-level field from the table, anything else ES's 400. */
import { isObject } from '../resolve/context.ts';
import { Role } from './roles.ts';
import { SEARCH_BODY_FIELDS } from './search-types.ts';
import { parsingError, tokenOf, refusedConstruct } from './errors.ts';
import type { WalkState } from './state.ts';
import { walkRole } from './dispatch.ts';

export function walkSearchBody(v: unknown, s: WalkState, at: string): void {
  if (v === undefined || v === null) return;
  if (!isObject(v)) throw parsingError(`Unknown key for a ${tokenOf(v)} in [${at}].`);
  for (const k in v) {
    const spec = Object.hasOwn(SEARCH_BODY_FIELDS, k) ? SEARCH_BODY_FIELDS[k] : undefined;
    if (!spec) throw parsingError(`Unknown key for a ${tokenOf(v[k])} in [${k}].`);
    const x = v[k];
    if (x === null) continue;
    const here = at === '' ? k : `${at}.${k}`;
    if (spec.role === Role.refuse) {
      if (k === 'ext' && isObject(x) && Object.keys(x).length === 0) continue;
      throw refusedConstruct(spec.reason ?? `[${k}] is not supported through the gateway`, here);
    }
    walkRole(spec.role, x, s, here);
  }
}
