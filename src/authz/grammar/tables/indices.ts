/** Index management APIs: create, delete, open/close, mappings, settings, aliases. */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, idx, refused, scalars, byResolver, QUERY, MAPPINGS, SETTINGS, ALIAS_MAP, ALIAS_KEYS, ALIASES_ACTION } from './bodies.ts';

const TIMEOUTS = 'cluster_manager_timeout master_timeout timeout';
const OPTS = 'allow_no_indices expand_wildcards ignore_unavailable';

const ALIAS_NAMES = idx(byResolver([ALIASES_ACTION]));
const ACTION_INDICES = { index: idx(byResolver([ALIASES_ACTION])), indices: idx(byResolver([ALIASES_ACTION])) };
const ALIASES_BODY = obj('aliases request', {
  actions: arr(
    obj('alias action', {
      add: obj('add', { ...ACTION_INDICES, alias: ALIAS_NAMES, aliases: ALIAS_NAMES, filter: QUERY, ...scalars('routing index_routing search_routing is_write_index is_hidden must_exist') }),
      remove: obj('remove', { ...ACTION_INDICES, alias: ALIAS_NAMES, aliases: ALIAS_NAMES, must_exist: scalar }),
      remove_index: obj('remove_index', { index: idx(byResolver(['indices:admin/delete'])), indices: idx(byResolver(['indices:admin/delete'])), must_exist: scalar }),
    }),
  ),
});

const PUT_ALIAS_BODY = obj('alias', {
  filter: QUERY,
  ...scalars('routing index_routing search_routing is_write_index is_hidden'),
  index: refused('the index of an alias is named in the path'),
  indices: refused('the index of an alias is named in the path'),
  alias: refused('the alias is named in the path'),
  aliases: refused('the alias is named in the path'),
});

export const CREATE_INDEX_BODY = obj('create index request', { aliases: ALIAS_MAP(ALIAS_KEYS), mappings: MAPPINGS, settings: SETTINGS });

export const INDICES_APIS: readonly ApiGrammar[] = [
  { name: 'indices.create', endpoints: ['PUT /{index}'], query: `${TIMEOUTS} wait_for_active_shards`, body: CREATE_INDEX_BODY },
  { name: 'indices.delete', endpoints: ['DELETE /{index}'], query: `${OPTS} ${TIMEOUTS}` },
  { name: 'indices.get', endpoints: ['GET /{index}'], query: `${OPTS} cluster_manager_timeout features flat_settings include_defaults local master_timeout` },
  { name: 'indices.exists', endpoints: ['HEAD /{index}'], query: `${OPTS} cluster_manager_timeout flat_settings include_defaults local` },
  { name: 'indices.open', endpoints: ['POST /{index}/_open'], query: `${OPTS} ${TIMEOUTS} task_execution_timeout wait_for_active_shards wait_for_completion` },
  { name: 'indices.close', endpoints: ['POST /{index}/_close'], query: `${OPTS} ${TIMEOUTS} wait_for_active_shards` },
  { name: 'indices.add_block', endpoints: ['PUT /{index}/_block/{block}'], query: `${OPTS} ${TIMEOUTS}` },
  { name: 'indices.get_mapping', endpoints: ['GET /_mapping', 'GET /{index}/_mapping'], query: `${OPTS} cluster_manager_timeout local master_timeout` },
  { name: 'indices.put_mapping', endpoints: ['PUT,POST /{index}/_mapping'], query: `${OPTS} ${TIMEOUTS} write_index_only`, body: MAPPINGS },
  { name: 'indices.get_field_mapping', endpoints: ['GET /_mapping/field/{fields}', 'GET /{index}/_mapping/field/{fields}'], query: `${OPTS} include_defaults local` },
  { name: 'indices.get_settings', endpoints: ['GET /_settings', 'GET /_settings/{name}', 'GET /{index}/_settings', 'GET /{index}/_settings/{name}'], query: `${OPTS} cluster_manager_timeout flat_settings include_defaults local master_timeout` },
  { name: 'indices.put_settings', endpoints: ['PUT /_settings', 'PUT /{index}/_settings'], query: `${OPTS} ${TIMEOUTS} flat_settings preserve_existing reopen`, body: SETTINGS },
  { name: 'indices.get_alias', endpoints: ['GET /_alias', 'GET /_alias/{name}', 'GET /{index}/_alias', 'GET /{index}/_alias/{name}', 'GET /_aliases', 'GET /{index}/_aliases'], query: `${OPTS} local master_timeout` },
  { name: 'indices.exists_alias', endpoints: ['HEAD /_alias', 'HEAD /_alias/{name}', 'HEAD /{index}/_alias', 'HEAD /{index}/_alias/{name}'], query: `${OPTS} local master_timeout` },
  { name: 'indices.update_aliases', endpoints: ['POST /_aliases'], query: TIMEOUTS, body: ALIASES_BODY },
  { name: 'indices.put_alias', endpoints: ['PUT,POST /{index}/_alias/{name}', 'PUT,POST /{index}/_aliases/{name}'], query: TIMEOUTS, body: PUT_ALIAS_BODY },
  { name: 'indices.delete_alias', endpoints: ['DELETE /{index}/_alias/{name}', 'DELETE /{index}/_aliases/{name}'], query: TIMEOUTS },
];

export { any };
