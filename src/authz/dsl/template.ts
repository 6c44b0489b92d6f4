/**
 * Search templates rendered by the gateway (issue 14): the rendered search is what is authorized and sent, so
 * nothing the upstream renders can differ from what was checked. Mustache as ES runs it for JSON content:
 * `{{x}}` is JSON-string escaped, `{{{x}}}` raw, and ES's functions `{{#toJson}}name{{/toJson}}`,
 * `{{#join}}name{{/join}}`, `{{#join delimiter='…'}}name{{/join delimiter='…'}}` and `{{#url}}…{{/url}}`.
 * Stored templates (`id`) come from the caller-supplied loader (the upstream's `GET /_scripts/{id}`).
 * Bounded: the template source, the params, and an upper bound of the output computed before rendering.
 */
import Mustache from 'mustache';
import { isObject } from '../resolve/context.ts';
import { parseStrictJson } from '../resolve/strict-json.ts';
import { EsError } from '../../core/errors.ts';
import { parsingError, illegalDsl } from './errors.ts';

/** Loads a stored search template's Mustache source by id (throws an EsError 404 when there is none). */
export type StoredTemplateLoader = (id: string) => Promise<string>;

export const TemplateLimits = {
  /** Template source (ES's `script.max_size_in_bytes` is 64 KiB for stored scripts; inline ones get more room). */
  sourceChars: 1024 * 1024,
  /** Upper bound of the rendered output, estimated before rendering. */
  outputChars: 4 * 1024 * 1024,
} as const;

const TEMPLATE_KEYS = new Set(['id', 'source', 'params', 'explain', 'profile']);

/** A search template request body (`{ id | source, params, explain, profile }`) → the search body it renders to. */
export async function renderSearchTemplate(body: unknown, loadStored: StoredTemplateLoader): Promise<Record<string, unknown>> {
  if (!isObject(body)) throw parsingError('[search_template] request body must be an object');
  if (body.project_routing !== undefined) throw illegalDsl('cross-project search ([project_routing]) reaches clusters the gateway does not authorize');
  for (const k in body) if (!TEMPLATE_KEYS.has(k)) throw parsingError(`[search_template] unknown field [${k}]`);
  if ((body.id === undefined) === (body.source === undefined)) throw illegalDsl('template is missing: specify either [id] or [source]');
  let source: string;
  if (body.id !== undefined) {
    if (typeof body.id !== 'string' || body.id === '') throw parsingError('[search_template] [id] must be a string');
    source = await loadStored(body.id);
  } else {
    source = typeof body.source === 'string' ? body.source : JSON.stringify(body.source);
  }
  const params = body.params ?? {};
  if (!isObject(params)) throw parsingError('[search_template] [params] must be an object');
  const rendered = renderMustache(source, params);
  let search: unknown;
  try {
    search = parseStrictJson(rendered);
  } catch (e) {
    throw new EsError('x_content_parse', `the rendered search template is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(search)) throw parsingError('the rendered search template must be a JSON object');
  if (body.explain !== undefined) search.explain = body.explain;
  if (body.profile !== undefined) search.profile = body.profile;
  return search;
}

const JOIN_WITH = /\{\{([#/])join\s+delimiter='([^']*)'\s*\}\}/g;

/** Renders a Mustache template with ES's escaping and functions. */
export function renderMustache(template: string, params: Record<string, unknown>): string {
  if (template.length > TemplateLimits.sourceChars) throw illegalDsl(`search template is larger than ${TemplateLimits.sourceChars} characters`);
  const delimiters: string[] = [];
  const source = template.replace(JOIN_WITH, (_m, kind: string, delimiter: string) => {
    if (kind === '#') delimiters.push(delimiter);
    return `{{${kind}__join_${kind === '#' ? delimiters.length - 1 : delimiters.lastIndexOf(delimiter)}}}`;
  });
  const root = toView(params) as Record<string, unknown>;
  const writer = new Mustache.Writer();
  (writer as unknown as { templateCache: undefined }).templateCache = undefined;
  let tokens: unknown[];
  try {
    tokens = writer.parse(source);
  } catch (e) {
    throw illegalDsl(`search template does not compile: ${(e as Error).message}`);
  }
  const estimate = outputBound(tokens, measure(params));
  if (estimate > TemplateLimits.outputChars) throw illegalDsl(`search template could render more than ${TemplateLimits.outputChars} characters`);
  Object.assign(root, functions(root, delimiters));
  try {
    return writer.render(source, root, {}, { escape: jsonEscape });
  } catch (e) {
    throw illegalDsl(`search template could not be rendered: ${(e as Error).message}`);
  }
}

/** ES's functions, as Mustache lambdas: each section's text is a variable name (toJson, join) or a template (url). */
function functions(root: Record<string, unknown>, delimiters: string[]): Record<string, unknown> {
  const value = (view: unknown, name: string): unknown => resolve(view, name.trim()) ?? resolve(root, name.trim());
  const lambda = (fn: (text: string, render: (t: string) => string, view: unknown) => string) =>
    function (this: unknown) {
      const view = this;
      return (text: string, render: (t: string) => string) => fn(text, render, view);
    };
  const join = (delimiter: string) => lambda((text, _r, view) => {
    const v = value(view, text);
    return jsonEscape(Array.isArray(v) ? v.map((x) => scalarText(x)).join(delimiter) : scalarText(v));
  });
  const out: Record<string, unknown> = {
    toJson: lambda((text, _r, view) => {
      const v = value(view, text);
      return v === undefined ? '' : JSON.stringify(v);
    }),
    join: join(','),
    url: lambda((text, render) => javaUrlEncode(render(text))),
  };
  delimiters.forEach((d, i) => (out[`__join_${i}`] = join(d)));
  return out;
}

function resolve(view: unknown, name: string): unknown {
  if (name === '.') return view;
  let v: unknown = view;
  for (const part of name.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** `{{x}}`: the value as text, escaped for a JSON string (ES's default for JSON content). */
function jsonEscape(v: unknown): string {
  return JSON.stringify(scalarText(v)).slice(1, -1);
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Java's URLEncoder (what ES's `{{#url}}` uses): space as `+`, only `*-._` and alphanumerics left as they are. */
function javaUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

/** The params as a view without prototypes, so no template reaches `constructor`, `__proto__` and the like. */
function toView(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toView);
  if (!isObject(v)) return v;
  const out = Object.create(null) as Record<string, unknown>;
  for (const k in v) out[k] = toView(v[k]);
  return out;
}

interface Measure {
  /** Longest array anywhere in the params (a section's repeat count). */
  readonly repeat: number;
  /** The params' JSON size (the longest any value can render). */
  readonly size: number;
}

function measure(params: Record<string, unknown>): Measure {
  let repeat = 1;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      repeat = Math.max(repeat, v.length);
      v.forEach(walk);
    } else if (isObject(v)) for (const k in v) walk(v[k]);
  };
  walk(params);
  return { repeat, size: JSON.stringify(params).length };
}

/** An upper bound of the rendered length: sections repeat at most `repeat` times, a value is at most `size` long. */
function outputBound(tokens: unknown[], m: Measure): number {
  let n = 0;
  for (const t of tokens as [string, string, number, number, unknown[]?][]) {
    const [type, value] = t;
    if (type === 'text') n += value.length;
    else if (type === 'name' || type === '&') n += 6 * m.size;
    else if (type === '#') {
      const children = outputBound(t[4] ?? [], m);
      if (value === 'toJson' || value === 'join' || value.startsWith('__join_')) n += 6 * m.size;
      else if (value === 'url') n += 9 * children;
      else n += m.repeat * children;
    } else if (type === '^') n += outputBound(t[4] ?? [], m);
    else if (type === '>') throw illegalDsl('search templates may not use partials');
    if (n > TemplateLimits.outputChars) return n;
  }
  return n;
}
