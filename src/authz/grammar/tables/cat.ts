/** The `_cat` APIs: text output parameters, and `_cat/count`'s query body. */
import type { ApiGrammar } from '../api.ts';
import { queryOnly } from './bodies.ts';

const OUT = 'format h help s v';
const CM = 'cluster_manager_timeout local master_timeout';
const CAT = (what: string, query: string, param?: string): ApiGrammar => ({
  name: `cat.${what}`,
  endpoints: [`GET /_cat/${what}`, ...(param ? [`GET /_cat/${what}/{${param}}`] : [])],
  query: `${OUT} ${query}`,
});

export const CAT_APIS: readonly ApiGrammar[] = [
  { name: 'cat.help', endpoints: ['GET /_cat'], query: 'help s' },
  CAT('indices', `bytes ${CM} expand_wildcards health include_unloaded_segments pri time`, 'index'),
  CAT('shards', `bytes ${CM} time`, 'index'),
  CAT('segments', `allow_closed allow_no_indices bytes ${CM} expand_wildcards ignore_throttled ignore_unavailable`, 'index'),
  CAT('recovery', 'active_only bytes detailed time', 'index'),
  { ...CAT('count', '', 'index'), body: queryOnly('count request') },
  CAT('aliases', `expand_wildcards ${CM}`, 'name'),
  CAT('health', 'time ts'),
  CAT('nodes', `bytes ${CM} full_id include_unloaded_segments time`),
  CAT('master', CM),
  { ...CAT('cluster_manager', CM), engine: 'os' },
  CAT('allocation', `bytes ${CM}`, 'node_id'),
  CAT('thread_pool', `${CM} size`, 'pattern'),
  CAT('plugins', `${CM} include_bootstrap`),
  CAT('templates', CM, 'name'),
  CAT('tasks', 'actions detailed nodes parent_task_id time timeout wait_for_completion'),
  CAT('pending_tasks', `${CM} time`),
  CAT('nodeattrs', CM),
  CAT('repositories', CM),
  CAT('snapshots', `${CM} ignore_unavailable time`, 'repository'),
  { ...CAT('fielddata', 'bytes', 'fields'), params: { fields: 'inert' } },
];
