/**
 * Whether an ingest pipeline can change where a document is written (`_index`), judged from its definition
 * with a conservative allow-list: a processor is harmless only when its type is known, every field it writes
 * is named literally (no `{{template}}`, no keys taken from the data) and nothing in its configuration mentions
 * `_index`. `script`, `reroute`, `date_index_name`, unknown types and anything doubtful count as retargeting.
 * `pipeline` processors name further pipelines, which the caller classifies in turn.
 */
import { isObject } from '../resolve/context.ts';

export type PipelineVerdict =
  | { readonly retargets: false; readonly calls: readonly string[] }
  | { readonly retargets: true; readonly why: string };

/** Processor types whose written fields are named by their options (checked below). */
const FIELD_WRITERS = new Set([
  'append', 'bytes', 'community_id', 'convert', 'copy', 'csv', 'date', 'dot_expander', 'drop', 'fail', 'fingerprint',
  'geoip', 'grok', 'gsub', 'html_strip', 'join', 'json', 'kv', 'lowercase', 'network_direction', 'registered_domain',
  'remove', 'rename', 'set', 'sort', 'split', 'trim', 'uppercase', 'urldecode', 'uri_parts', 'user_agent', 'dissect',
]);
const FIELD_KEYS = ['field', 'fields', 'target_field', 'target_fields'];
const PIPELINE_KEYS = new Set(['description', 'processors', 'on_failure', 'version', '_meta', 'deprecated']);
const MAX_PROCESSORS = 10_000;

export function classifyPipeline(definition: unknown): PipelineVerdict {
  if (!isObject(definition)) return retargets('the pipeline definition cannot be read');
  for (const k of Object.keys(definition)) if (!PIPELINE_KEYS.has(k)) return retargets(`unknown pipeline option [${k}]`);
  const calls: string[] = [];
  const budget = { left: MAX_PROCESSORS };
  for (const list of [definition.processors, definition.on_failure]) {
    const why = processorList(list, calls, budget, 0);
    if (why) return retargets(why);
  }
  return { retargets: false, calls };
}

function retargets(why: string): PipelineVerdict {
  return { retargets: true, why };
}

/** The reason a list of processors may retarget, or null. */
function processorList(list: unknown, calls: string[], budget: { left: number }, depth: number): string | null {
  if (list === undefined) return null;
  if (!Array.isArray(list)) return 'a processor list is not an array';
  for (const p of list) {
    if (--budget.left < 0 || depth > 20) return 'the pipeline is too large to check';
    const why = processor(p, calls, budget, depth);
    if (why) return why;
  }
  return null;
}

function processor(p: unknown, calls: string[], budget: { left: number }, depth: number): string | null {
  if (!isObject(p) || Object.keys(p).length !== 1) return 'a processor is not an object with one type';
  const type = Object.keys(p)[0];
  const config = p[type];
  if (!isObject(config)) return `the [${type}] processor has no options object`;
  const nested = processorList(config.on_failure, calls, budget, depth + 1);
  if (nested) return nested;
  if (type === 'pipeline') {
    if (typeof config.name !== 'string' || config.name.includes('{{')) return 'a [pipeline] processor names its pipeline by a template';
    calls.push(config.name);
    return null;
  }
  if (type === 'foreach') {
    if (textMentions(withoutKeys(config, ['processor', 'on_failure']))) return 'a [foreach] processor mentions [_index]';
    return processorList([config.processor], calls, budget, depth + 1);
  }
  if (!FIELD_WRITERS.has(type)) return `a [${type}] processor may change [_index]`;
  if (textMentions(withoutKeys(config, ['on_failure']))) return `a [${type}] processor mentions [_index]`;
  for (const key of FIELD_KEYS) if (strings(config[key]).some((s) => s.includes('{{'))) return `a [${type}] processor names the field it writes by a template`;
  return dataNamedKeys(type, config);
}

/** Processors that take the names of the fields they write from the document itself. */
function dataNamedKeys(type: string, config: Record<string, unknown>): string | null {
  if (type === 'kv' && typeof config.target_field !== 'string') return 'a [kv] processor without [target_field] writes keys taken from the data';
  if (type === 'json' && config.add_to_root === true) return 'a [json] processor with [add_to_root] writes keys taken from the data';
  if (type === 'dot_expander' && config.field === '*') return 'a [dot_expander] processor on [*] writes keys taken from the data';
  if (type === 'dissect' && strings(config.pattern).some((s) => /%\{[^}]*[*&]/.test(s))) return 'a [dissect] pattern with reference keys writes keys taken from the data';
  return null;
}

function withoutKeys(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

function textMentions(v: unknown): boolean {
  return JSON.stringify(v).includes('_index');
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The pipeline ids a settings object sets as `index.default_pipeline` / `index.final_pipeline` (any nesting, flat or not). */
export function pipelinesInSettings(settings: unknown): string[] {
  const out: string[] = [];
  collect(settings, '', out, 0);
  return out;
}

function collect(v: unknown, path: string, out: string[], depth: number): void {
  if (depth > 50) return;
  if (Array.isArray(v)) {
    for (const x of v) collect(x, path, out, depth + 1);
    return;
  }
  if (!isObject(v)) {
    if (typeof v === 'string' && /(^|\.)(default_pipeline|final_pipeline)$/.test(path) && v !== '_none' && v !== '') out.push(v);
    return;
  }
  for (const k of Object.keys(v)) collect(v[k], path ? `${path}.${k}` : k, out, depth + 1);
}
