/**
 * The closed request grammar of forwarded requests: one check per request, before resolution. The query
 * string is checked against the API's parameters; a JSON body is parsed strictly and checked against the
 * API's body grammar, and that parsed value is what the resolvers read and what is forwarded. NDJSON bodies
 * are checked line by line by their readers (`checkLine`).
 */
import { EsError } from '../../core/errors.ts';
import { newFindings, type DslFindings } from '../dsl/index.ts';
import { parseStrictJsonBytes } from '../resolve/strict-json.ts';
import { apiFor, type CompiledApi } from './registry.ts';
import { checkQuery } from './check-query.ts';
import { checkBody, type IndexRef, type BodyFindings } from './check-body.ts';
import { isNdjson } from './api.ts';
import type { Node } from './nodes.ts';

export type BodyKind = 'none' | 'json' | 'ndjson';

export interface CheckedRequest {
  readonly api: CompiledApi;
  /** The strictly parsed, checked JSON body (undefined: none). */
  readonly json: unknown;
  /** Index positions the body names. */
  readonly refs: readonly IndexRef[];
  /** What the DSL walker found in the body (lookups, scripts). */
  readonly findings: DslFindings;
}

export { apiFor, type CompiledApi, type IndexRef };

export function bodyKindOf(api: CompiledApi | undefined): BodyKind {
  if (!api || api.body === undefined) return 'none';
  return isNdjson(api.body) ? 'ndjson' : 'json';
}

/** Checks the query string and (for JSON APIs) the body; throws an ES-shaped 400 for anything not declared. */
export function checkRequest(api: CompiledApi, method: string, segments: readonly string[], query: ReadonlyMap<string, string>, body: Buffer | undefined): CheckedRequest {
  const path = '/' + segments.join('/');
  checkQuery(api, path, query);
  const findings = newFindings();
  const refs: IndexRef[] = [];
  const blank = body === undefined || isBlank(body);
  if (api.body === undefined) {
    if (!blank) throw new EsError('illegal_argument', `request [${method} ${path}] does not support having a body`);
    return { api, json: undefined, refs, findings };
  }
  if (isNdjson(api.body) || blank) return { api, json: undefined, refs, findings };
  const json = parseStrictJsonBytes(body);
  checkBody(api.body, json, { refs, dsl: findings });
  return { api, json, refs, findings };
}

/** Checks one parsed NDJSON line (a bulk action line, an msearch header) against its node. */
export function checkLine(node: Node, value: unknown, findings: DslFindings = newFindings()): BodyFindings {
  const out: BodyFindings = { refs: [], dsl: findings };
  checkBody(node, value, out);
  return out;
}

function isBlank(b: Buffer): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  return true;
}
