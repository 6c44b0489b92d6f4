/** Body parts shared by several APIs: queries, alias specs, term vector options, templates, index roles. */
import { DslKind } from '../../dsl/index.ts';
import { STRICT_SINGLE } from '../../indices/options.ts';
import { any, scalar, obj, arr, many, map, dsl, refused, scalars, index as idx, type Node, type IndexRole } from '../nodes.ts';

export const ALIASES_ACTION = 'indices:admin/aliases';

/** Names the route's own resolver reads and authorizes. */
export const byResolver = (actions: readonly string[], single = false): IndexRole => ({ actions, single, by: 'resolver', options: single ? STRICT_SINGLE : undefined });
/** Alias names an index-creating body adds (a map's keys): authorized by the resolver, one name each. */
export const ALIAS_KEYS = byResolver([ALIASES_ACTION], true);

export const QUERY = dsl(DslKind.query);
export const SCRIPT = dsl(DslKind.script);
export const SEARCH_BODY = dsl(DslKind.searchBody);
export const MAPPINGS = dsl(DslKind.mappings);
export const RUNTIME = dsl(DslKind.runtimeMappings);
/** Index settings: inert here (the pipeline settings are inspected by the write-retarget check). */
export const SETTINGS = any;

export const queryOnly = (name: string): Node => obj(name, { query: QUERY });

/** An alias's properties, as put alias, create index, templates, rollover and resize bodies give them. */
export const ALIAS_SPEC = obj('alias', { filter: QUERY, ...scalars('routing index_routing search_routing is_write_index is_hidden') });
export const ALIAS_MAP = (keys?: IndexRole): Node => map(ALIAS_SPEC, keys);

/** Term vector options (termvectors body, mtermvectors docs and `parameters`). */
const TV_OPTIONS = {
  fields: many(scalar),
  ...scalars('offsets positions payloads term_statistics field_statistics dfs routing _routing version version_type realtime preference'),
  doc: any,
  filter: obj('filter', scalars('max_num_terms min_term_freq max_term_freq min_doc_freq max_doc_freq min_word_length max_word_length')),
  per_field_analyzer: map(scalar),
};
export const TERMVECTORS_BODY = obj('term vectors request', {
  ...TV_OPTIONS,
  _id: scalar,
  _index: refused('the index of a term vectors request is named in the path'),
});
export const MTERMVECTORS_BODY = obj('mtermvectors request', {
  docs: arr(obj('doc', { ...TV_OPTIONS, _id: scalar, _index: idx(byResolver(['indices:data/read/mtv'], true)) })),
  ids: arr(scalar),
  parameters: obj('parameters', TV_OPTIONS),
});

/** Search templates (`_search/template`, `_render/template`, an `_msearch/template` body line). */
export const TEMPLATE_BODY = obj('search template', { id: scalar, source: any, params: map(any), ...scalars('explain profile file') });

/** An index template's `template` part (composable and component templates). */
export const TEMPLATE_PART = obj('template', { settings: SETTINGS, mappings: MAPPINGS, aliases: ALIAS_MAP(), lifecycle: any, data_stream_options: any });

export { any, scalar, obj, arr, many, map, dsl, refused, scalars, idx };
