/**
 * What a REST request means to authorization: ES's action name and the index expressions it targets, with
 * where each expression sits in the request (so a wildcard can be replaced by the authorized names in the
 * bytes that are forwarded).
 */
import type { IndicesOptions } from '../indices/options.ts';

/** Where an index expression sits: a path segment, a place to insert one, a JSON body position, or nowhere rewritable. */
export type Where =
  | { readonly in: 'path'; readonly segment: number }
  | { readonly in: 'path-insert'; readonly at: number }
  | { readonly in: 'body'; readonly pointer: readonly (string | number)[] }
  | { readonly in: 'fixed' };

export interface IndexTarget {
  /** The expression as the request carries it (comma-separated; '' = all). */
  readonly expression: string;
  /** Every action the names must be granted (the first is named in a denial). */
  readonly actions: readonly string[];
  readonly options: IndicesOptions;
  /** False for APIs that take one concrete name (`*` is then not a wildcard). */
  readonly wildcards: boolean;
  readonly where: Where;
  /** Alias names of the get-aliases APIs: ES's 403 for them names no indices. */
  readonly aliasNames?: boolean;
}

/** A document another index is read from while the request runs (terms lookup, more_like_this …). */
export interface Lookup {
  readonly index: string;
  readonly action: string;
}

export interface BulkItem {
  /** The op: index, create, update, delete. */
  readonly op: string;
  readonly index: string;
  readonly id: string | null;
  /** The body the item is in, and the byte ranges of its action line and source line (-1 for delete: none). */
  readonly raw: Buffer;
  readonly actionStart: number;
  readonly actionEnd: number;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** The parsed action line, kept only when it must be rewritten (date math resolved). */
  readonly actionObject?: Record<string, unknown>;
  readonly rewriteIndex: boolean;
  /** An update item whose source line has a `script` (it may delete the document: `ctx.op = "delete"`). */
  readonly script?: boolean;
  /** The item's `pipeline` (action line, else the request's `pipeline` parameter). */
  readonly pipeline?: string;
}

export interface MgetItem {
  readonly index: string;
  readonly id: unknown;
  readonly doc: Record<string, unknown>;
}

export interface MsearchItem {
  readonly header: Record<string, unknown>;
  readonly body: unknown;
  /** The raw body line as received (forwarded unless rewritten). */
  readonly bodyLine: Buffer;
  readonly target: IndexTarget;
  readonly lookups: readonly Lookup[];
  /** `_msearch/template`: the template to render to find lookups. */
  readonly template: boolean;
  readonly pitIds: readonly string[];
}

export type Items =
  | { readonly kind: 'bulk'; readonly items: readonly BulkItem[] }
  | { readonly kind: 'mget'; readonly items: readonly MgetItem[]; readonly body: Record<string, unknown> }
  | { readonly kind: 'msearch'; readonly items: readonly MsearchItem[] };

export const ResolutionKind = {
  /** A cluster action: cluster privileges alone decide. */
  cluster: 'cluster',
  /** An index action over `targets` (and, for composite requests, items). */
  indices: 'indices',
  /** Not an endpoint the gateway knows: only the cluster privilege `all` may send it. */
  unresolved: 'unresolved',
  /** Needs no privilege (served text such as `GET /_cat`). */
  open: 'open',
} as const;
export type ResolutionKind = (typeof ResolutionKind)[keyof typeof ResolutionKind];

export interface Resolution {
  readonly kind: ResolutionKind;
  readonly action: string;
  readonly targets: readonly IndexTarget[];
  /** Cluster actions also required (e.g. `_cat/indices` needs `cluster:monitor/state` too). */
  readonly clusterActions?: readonly string[];
  /** Composite requests: the action must be granted on at least one index (ES's "authorized for any index"). */
  readonly anyIndex?: string;
  readonly items?: Items;
  readonly lookups?: readonly Lookup[];
  /** Search templates to render upstream, to find the lookups in what they expand to. */
  readonly templates?: readonly unknown[];
  /** Scroll ids / point-in-time ids the request uses: they must be the caller's own. */
  readonly scrollIds?: readonly string[];
  readonly pitIds?: readonly string[];
  /** Capture the response's scroll or PIT id for the caller (search with `scroll`, open PIT). */
  readonly capture?: 'scroll' | 'pit';
  /**
   * Get-aliases answers (`{index: {aliases: {name: …}}}`): keep only the aliases the caller may see for this
   * action; `dropEmpty` (alias names were asked for) also drops the indices left without one, as ES lists them.
   */
  /** A path segment sent under another name (`GET /_aliases` is sent as `/{authorized indices}/_alias`: no engine serves GET `/{index}/_aliases`). */
  readonly renameSegment?: { readonly from: string; readonly to: string };
  readonly aliasAnswer?: { readonly action: string; readonly dropEmpty: boolean };
  /** Index-level metadata changes: the gateway's metadata cache is refreshed after it. */
  readonly changesMetadata?: boolean;
  /** Parsed JSON body, when the decision rewrites it. */
  readonly body?: unknown;
  /**
   * For `POST /_aliases` and create-index / resize / rollover aliases: (index, alias) pairs added, for ES's alias-privilege rule. `rollover`: the
   * target is the rollover alias, and the index is the next one rollover creates from each index behind it.
   */
  readonly aliasAdds?: readonly { readonly target: number; readonly alias: string; readonly rollover?: boolean }[];
  /** Refusal decided during resolution (e.g. an unsupported SQL statement). */
  readonly refusal?: string;
  /**
   * Writes a script or an ingest pipeline may send elsewhere than the request names (reindex / update scripts,
   * `pipeline` parameters, default pipelines): forwarded only when the caller holds `actions` on every index.
   */
  readonly retargets?: readonly Retarget[];
}

/** Why a write may land on any index, and the write actions the caller must then hold everywhere. */
export interface Retarget {
  /** Said in the 403 (e.g. `the script of [_reindex] can change the target index`). */
  readonly reason: string;
  readonly actions: readonly string[];
  /**
   * The ingest pipeline that does it: then the write retargets only if that pipeline may change `_index`
   * (the decision fetches and classifies it; `_none` never names one).
   */
  readonly pipeline?: string;
}
