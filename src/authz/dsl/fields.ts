/** Scripts, script fields, runtime and derived fields, and index mappings. */
import { isObject } from '../resolve/context.ts';
import { LookupAction } from './roles.ts';
import { RUNTIME_FIELD_TYPES, DERIVED_FIELD_TYPES } from './search-types.ts';
import { parsingError, refusedConstruct, mapperError } from './errors.ts';
import { deeper, type WalkState } from './state.ts';

const SCRIPT_KEYS = new Set(['source', 'id', 'lang', 'params', 'options']);

/** A script: a string, or `{ source | id, lang, params, options }`. Counted; it reads no other index. */
export function walkScript(v: unknown, s: WalkState, at: string): void {
  if (typeof v === 'string') {
    s.f.scripts++;
    return;
  }
  if (!isObject(v)) throw parsingError(`[script] must be a string or an object (at [${at}])`);
  for (const k in v) if (!SCRIPT_KEYS.has(k)) throw parsingError(`[script] unknown field [${k}]`);
  if (v.source === undefined && v.id === undefined) throw parsingError('must specify either [source] for an inline script or [id] for a stored script');
  if (v.source !== undefined && v.id !== undefined) throw parsingError('must specify either [source] for an inline script or [id] for a stored script, not both');
  s.f.scripts++;
}

/** Any `script` found anywhere below is a script (value sources, interval filters, composite sources). */
export function walkDeepScripts(v: unknown, s: WalkState, at: string): void {
  deeper(s, () => {
    if (Array.isArray(v)) v.forEach((x, i) => walkDeepScripts(x, s, `${at}[${i}]`));
    else if (isObject(v)) {
      for (const k in v) {
        if (k === 'script' && v[k] != null) walkScript(v[k], s, `${at}.script`);
        else walkDeepScripts(v[k], s, `${at}.${k}`);
      }
    }
  });
}

/** `script_fields`: name → `{ script, ignore_failure }`. */
export function walkScriptFields(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[script_fields] must be an object');
  for (const name in v) {
    const f = v[name];
    if (!isObject(f) || f.script === undefined) throw parsingError(`[script_fields] field [${name}] must carry a [script]`);
    walkScript(f.script, s, `${at}.${name}.script`);
  }
}

/**
 * Runtime fields: name → `{ type, script, fields, target_index, … }`. A `lookup` field searches `target_index`;
 * in a mapping (`inMapping`) it is refused (ES accepts it only in a search request).
 */
export function walkRuntimeMappings(v: unknown, s: WalkState, at: string, inMapping: boolean): void {
  if (!isObject(v)) throw parsingError('[runtime_mappings] must be an object');
  for (const name in v) {
    const f = v[name];
    const here = `${at}.${name}`;
    if (!isObject(f)) throw parsingError(`Expected map for runtime field [${name}] definition but got a ${typeof f}`);
    const type = f.type;
    if (type === undefined) throw mapperError(`No type specified for runtime field [${name}]`);
    if (typeof type !== 'string' || !Object.hasOwn(RUNTIME_FIELD_TYPES, type)) throw mapperError(`No handler for type [${String(type)}] declared on runtime field [${name}]`);
    if (f.script != null) walkScript(f.script, s, `${here}.script`);
    if (type === 'composite' && f.fields != null) walkRuntimeMappings(f.fields, s, `${here}.fields`, inMapping);
    if (type === 'lookup') {
      if (inMapping) throw refusedConstruct(`a runtime field of type [lookup] is not allowed in a mapping`, here);
      if (typeof f.target_index !== 'string' || f.target_index === '') throw parsingError(`[target_index] is required for lookup runtime field [${name}]`);
      s.f.lookups.push({ index: f.target_index, action: LookupAction.search });
    }
  }
}

/** OpenSearch derived fields: name → `{ type, script, properties, prefilter_field, … }`. */
export function walkDerived(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) throw parsingError('[derived] must be an object');
  for (const name in v) {
    const f = v[name];
    if (!isObject(f)) throw parsingError(`[derived] field [${name}] must be an object`);
    if (typeof f.type !== 'string' || !Object.hasOwn(DERIVED_FIELD_TYPES, f.type)) throw mapperError(`No handler for type [${String(f.type)}] declared on derived field [${name}]`);
    if (f.script != null) walkScript(f.script, s, `${at}.${name}.script`);
  }
}

/**
 * Index mappings (create index, put mapping, templates; typed or not, dynamic templates included): inert data
 * except `runtime` sections (a `lookup` runtime field is refused), `derived` sections and index-time scripts.
 */
export function walkMappings(v: unknown, s: WalkState, at: string): void {
  if (!isObject(v)) return;
  deeper(s, () => {
    for (const k in v) {
      const x = v[k];
      const here = `${at}.${k}`;
      if (x == null || MAPPING_DATA.has(k)) continue;
      if (k === 'properties' || k === 'fields') walkEach(x, (def, name) => walkMappings(def, s, `${here}.${name}`));
      else if (k === 'runtime') walkRuntimeMappings(x, s, here, true);
      else if (k === 'derived') walkDerived(x, s, here);
      else if (k === 'script') walkScript(x, s, here);
      else if (k === 'dynamic_templates') walkDynamicTemplates(x, s, here);
      else if (isObject(x)) walkMappings(x, s, here);
    }
  });
}

/** Mapping keys whose values are user data (never a definition). */
const MAPPING_DATA = new Set(['_meta', 'meta']);

function walkDynamicTemplates(v: unknown, s: WalkState, at: string): void {
  if (!Array.isArray(v)) throw mapperError('Dynamic template syntax error. An array of named objects is expected.');
  v.forEach((entry, i) => walkEach(entry, (t, name) => {
    if (!isObject(t)) return;
    if (t.mapping != null) walkMappings(t.mapping, s, `${at}[${i}].${name}.mapping`);
    if (isObject(t.runtime)) walkRuntimeMappings({ [name]: { type: 'keyword', ...t.runtime } }, s, `${at}[${i}].${name}.runtime`, true);
  }));
}

function walkEach(v: unknown, fn: (x: unknown, name: string) => void): void {
  if (!isObject(v)) return;
  for (const k in v) fn(v[k], k);
}
