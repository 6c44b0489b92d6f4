/** Templates, ingest pipelines and stored scripts (cluster privileges; bodies are still closed). */
import type { ApiGrammar } from '../api.ts';
import { any, scalar, obj, arr, many, map, refused, scalars, SCRIPT, MAPPINGS, SETTINGS, ALIAS_MAP, TEMPLATE_PART } from './bodies.ts';

const TIMEOUTS = 'cluster_manager_timeout master_timeout timeout';
const GET_Q = 'cluster_manager_timeout flat_settings local master_timeout';

const LEGACY_TEMPLATE = obj('index template', { index_patterns: many(scalar), template: scalar, order: scalar, version: scalar, settings: SETTINGS, mappings: MAPPINGS, aliases: ALIAS_MAP() });
const INDEX_TEMPLATE = obj('index template', {
  index_patterns: many(scalar),
  composed_of: arr(scalar),
  template: TEMPLATE_PART,
  data_stream: map(any),
  ...scalars('priority version allow_auto_create ignore_missing_component_templates deprecated'),
  _meta: any,
  context: any,
});
const COMPONENT_TEMPLATE = obj('component template', { template: TEMPLATE_PART, version: scalar, _meta: any, deprecated: scalar, allow_auto_create: scalar });
const PIPELINE = obj('pipeline', { description: scalar, processors: arr(any), on_failure: arr(any), version: scalar, _meta: any, deprecated: scalar, field_access_pattern: scalar });
const STORED_SCRIPT = obj('stored script', { script: obj('script', { lang: scalar, source: any, options: map(scalar), params: map(any) }) });

export const TEMPLATE_APIS: readonly ApiGrammar[] = [
  { name: 'indices.put_template', endpoints: ['PUT,POST /_template/{name}'], query: 'cause cluster_manager_timeout create master_timeout order', body: LEGACY_TEMPLATE },
  { name: 'indices.get_template', endpoints: ['GET /_template', 'GET /_template/{name}'], query: GET_Q },
  { name: 'indices.exists_template', endpoints: ['HEAD /_template', 'HEAD /_template/{name}'], query: GET_Q },
  { name: 'indices.delete_template', endpoints: ['DELETE /_template/{name}'], query: TIMEOUTS },
  { name: 'indices.put_index_template', endpoints: ['PUT,POST /_index_template/{name}'], query: 'cause cluster_manager_timeout create master_timeout', body: INDEX_TEMPLATE },
  { name: 'indices.get_index_template', endpoints: ['GET /_index_template', 'GET /_index_template/{name}'], query: `${GET_Q} include_defaults` },
  { name: 'indices.exists_index_template', endpoints: ['HEAD /_index_template', 'HEAD /_index_template/{name}'], query: GET_Q },
  { name: 'indices.delete_index_template', endpoints: ['DELETE /_index_template/{name}'], query: TIMEOUTS },
  { name: 'indices.simulate_template', endpoints: ['POST /_index_template/_simulate', 'POST /_index_template/_simulate/{name}'], query: 'cause cluster_manager_timeout create include_defaults master_timeout', body: INDEX_TEMPLATE },
  { name: 'indices.simulate_index_template', endpoints: ['POST /_index_template/_simulate_index/{name}'], query: 'cause cluster_manager_timeout create include_defaults master_timeout', body: INDEX_TEMPLATE },
  { name: 'cluster.put_component_template', endpoints: ['PUT,POST /_component_template/{name}'], query: `cause create ${TIMEOUTS}`, body: COMPONENT_TEMPLATE },
  { name: 'cluster.get_component_template', endpoints: ['GET /_component_template', 'GET /_component_template/{name}'], query: `${GET_Q} include_defaults settings_filter` },
  { name: 'cluster.exists_component_template', endpoints: ['HEAD /_component_template', 'HEAD /_component_template/{name}'], query: 'cluster_manager_timeout local master_timeout' },
  { name: 'cluster.delete_component_template', endpoints: ['DELETE /_component_template/{name}'], query: TIMEOUTS },
  { name: 'ingest.put_pipeline', endpoints: ['PUT /_ingest/pipeline/{id}'], query: `${TIMEOUTS} if_version`, body: PIPELINE },
  { name: 'ingest.get_pipeline', endpoints: ['GET /_ingest/pipeline', 'GET /_ingest/pipeline/{id}'], query: 'cluster_manager_timeout master_timeout summary' },
  { name: 'ingest.delete_pipeline', endpoints: ['DELETE /_ingest/pipeline/{id}'], query: TIMEOUTS },
  { name: 'ingest.simulate', endpoints: ['GET,POST /_ingest/pipeline/_simulate', 'GET,POST /_ingest/pipeline/{id}/_simulate'], query: 'verbose', body: obj('simulate request', { docs: arr(any), pipeline: PIPELINE }) },
  { name: 'ingest.processor_grok', endpoints: ['GET /_ingest/processor/grok'], query: 's' },
  { name: 'put_script', endpoints: ['PUT,POST /_scripts/{id}', 'PUT,POST /_scripts/{id}/{context}'], query: TIMEOUTS, params: { context: 'inert' }, body: STORED_SCRIPT },
  { name: 'get_script', endpoints: ['GET /_scripts/{id}'], query: 'cluster_manager_timeout master_timeout' },
  { name: 'delete_script', endpoints: ['DELETE /_scripts/{id}'], query: TIMEOUTS },
  { name: 'get_script_context', endpoints: ['GET /_script_context'] },
  { name: 'get_script_languages', endpoints: ['GET /_script_language'] },
  {
    name: 'scripts_painless_execute',
    endpoints: ['GET,POST /_scripts/painless/_execute'],
    body: obj('painless execute request', { script: SCRIPT, context: scalar, context_setup: refused('a painless context on an index reads that index; the gateway does not forward it') }),
  },
];
