/**
 * A snapshot of the upstream's indices, aliases and data streams: what wildcards and `_all` expand to.
 * Built from `GET /_resolve/index/*?expand_wildcards=all`; immutable; `version` changes with every refresh,
 * so caches keyed by it never serve an expansion computed against other metadata.
 */
import { isRestrictedIndex } from './restricted.ts';

export const AbstractionKind = { index: 'index', alias: 'alias', data_stream: 'data_stream' } as const;
export type AbstractionKind = (typeof AbstractionKind)[keyof typeof AbstractionKind];

export interface Abstraction {
  readonly name: string;
  readonly kind: AbstractionKind;
  readonly hidden: boolean;
  /** For indices: closed; aliases and data streams are never closed. */
  readonly closed: boolean;
  readonly restricted: boolean;
  /** For aliases and data streams: the indices behind them. */
  readonly indices: readonly string[];
  /**
   * For a data stream's backing index (`.ds-<name>-…`): the data stream. Privileges on the data stream's name
   * cover it (ES's IndicesPermission); privileges on it never cover the data stream. Failure store indices
   * (`.fs-…`) are not backing indices: the data stream's ordinary privileges do not reach them.
   */
  readonly dataStream?: string;
  /** For indices: the `index.default_pipeline` / `index.final_pipeline` settings (absent: none). */
  readonly pipelines?: readonly string[];
}

export class IndexMetadata {
  readonly version: number;
  /** Every name, sorted (code-unit order) for prefix range search. */
  readonly names: readonly string[];
  readonly entries: readonly Abstraction[];
  readonly #byName: Map<string, number>;

  constructor(version: number, abstractions: Iterable<Abstraction>) {
    this.version = version;
    const sorted = [...abstractions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.entries = sorted;
    this.names = sorted.map((a) => a.name);
    this.#byName = new Map(sorted.map((a, i) => [a.name, i]));
  }

  static readonly EMPTY = new IndexMetadata(0, []);

  get size(): number {
    return this.names.length;
  }

  indexOf(name: string): number {
    return this.#byName.get(name) ?? -1;
  }

  get(name: string): Abstraction | undefined {
    const i = this.#byName.get(name);
    return i === undefined ? undefined : this.entries[i];
  }

  /** [from, to) of the names that start with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    if (prefix === '') return [0, this.names.length];
    const from = lowerBound(this.names, prefix);
    const to = lowerBound(this.names, prefix + '\uffff');
    return [from, to];
  }

  /** From the `_resolve/index` response (ES and OpenSearch share its shape). */
  static fromResolveIndex(version: number, body: unknown): IndexMetadata {
    const r = (body ?? {}) as ResolveIndexBody;
    const out: Abstraction[] = [];
    const pipelines = indexPipelines(r.index_settings);
    const backing = new Map<string, string>();
    for (const d of r.data_streams ?? []) for (const b of d.backing_indices ?? []) backing.set(b, d.name);
    for (const i of r.indices ?? []) {
      const attrs = new Set(i.attributes ?? []);
      let entry: Abstraction = { name: i.name, kind: 'index', hidden: attrs.has('hidden'), closed: attrs.has('closed'), restricted: isRestrictedIndex(i.name), indices: [] };
      const ds = backing.get(i.name);
      if (ds !== undefined && (i.data_stream === undefined || i.data_stream === ds)) entry = { ...entry, dataStream: ds };
      const p = pipelines.get(i.name);
      out.push(p ? { ...entry, pipelines: p } : entry);
    }
    const hiddenAliases = aliasesMarkedHidden(r.hidden_aliases);
    for (const a of r.aliases ?? []) {
      out.push({ name: a.name, kind: 'alias', hidden: hiddenAliases.has(a.name), closed: false, restricted: isRestrictedIndex(a.name), indices: a.indices ?? [] });
    }
    for (const d of r.data_streams ?? []) {
      out.push({ name: d.name, kind: 'data_stream', hidden: d.name.startsWith('.'), closed: false, restricted: isRestrictedIndex(d.name), indices: d.backing_indices ?? [] });
    }
    return new IndexMetadata(version, out);
  }
}

interface ResolveIndexBody {
  /** Added by the gateway's fetch: `GET /_alias?expand_wildcards=all&filter_path=*.aliases.*.is_hidden`. */
  hidden_aliases?: Record<string, { aliases?: Record<string, { is_hidden?: unknown }> }>;
  /** Added by the gateway's fetch: `GET /_settings/index.default_pipeline,index.final_pipeline` (filtered to indices that set one). */
  index_settings?: Record<string, { settings?: { index?: { default_pipeline?: unknown; final_pipeline?: unknown } } }>;
  indices?: { name: string; attributes?: string[]; aliases?: string[]; data_stream?: string }[];
  aliases?: { name: string; indices?: string[] }[];
  data_streams?: { name: string; backing_indices?: string[] }[];
}

function aliasesMarkedHidden(body: ResolveIndexBody['hidden_aliases']): Set<string> {
  const out = new Set<string>();
  for (const v of Object.values(body ?? {})) for (const [alias, spec] of Object.entries(v?.aliases ?? {})) if (spec?.is_hidden === true) out.add(alias);
  return out;
}

function indexPipelines(settings: ResolveIndexBody['index_settings']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, v] of Object.entries(settings ?? {})) {
    const s = v?.settings?.index ?? {};
    const ids = [s.default_pipeline, s.final_pipeline].filter((p): p is string => typeof p === 'string' && p !== '' && p !== '_none');
    if (ids.length) out.set(name, ids);
  }
  return out;
}

function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
