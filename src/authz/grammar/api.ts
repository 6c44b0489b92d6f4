/**
 * One forwarded API of the grammar: its name in the published specs, its endpoints (as the gateway's
 * routes spell them), the query parameters it accepts and the grammar of its body.
 */
import type { Node } from './nodes.ts';
import type { ParamSpec } from './params.ts';

/** NDJSON bodies: their lines are checked by the `_bulk` / `_msearch` readers, line by line. */
export interface NdjsonBody {
  readonly ndjson: 'bulk' | 'msearch' | 'msearch_template';
}

export interface ApiGrammar {
  /** The API's name in the ES / OpenSearch REST specs (`indices.put_alias`). */
  readonly name: string;
  /** `METHODS /path` as in the routes table (`GET,POST /{index}/_termvectors/{id}`). */
  readonly endpoints: readonly string[];
  /** Accepted query parameters, space-separated (kinds from `KIND_BY_NAME`, else inert). */
  readonly query?: string;
  /** Per-API kinds and refusals (override `query`, and may accept a name that is also a path part). */
  readonly params?: Readonly<Record<string, ParamSpec>>;
  /** The body grammar; absent: the API takes no body. */
  readonly body?: Node | NdjsonBody;
  /** Published by one engine only (for the coverage test's report). */
  readonly engine?: 'es' | 'os';
}

export function isNdjson(body: ApiGrammar['body']): body is NdjsonBody {
  return body !== undefined && 'ndjson' in body;
}
