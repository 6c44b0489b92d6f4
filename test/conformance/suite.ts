/**
 * Reads one YAML test file into a suite: an optional setup and teardown, and test sections, each
 * a list of steps (do, assertions, set, transform_and_set) with their line numbers and prerequisites.
 */
import { LineCounter, parseAllDocuments, isMap as isYamlMap, isSeq, type Node } from 'yaml';
import { isAssertion, type AssertionName } from './assertions.ts';
import { parseJsonStream } from './json-stream.ts';
import { addPrerequisite, emptyPrerequisites, type Prerequisites } from './prerequisites.ts';
import type { WarningSpec } from './warnings.ts';
import { isMap } from './values.ts';
import { reindentFlowCollections } from './yaml-compat.ts';

export interface DoCall {
  api: string;
  /** URL parameters (path or query) as written, stashed values not yet replaced. */
  params: Record<string, unknown>;
  /** Parsed JSON bodies (several for bulk-style APIs); undefined when the step has no body. */
  bodies?: unknown[];
  /** A body that is not JSON, sent as written. */
  rawBody?: string;
  headers: Record<string, string>;
  catch?: string;
  ignore?: number[];
  warnings: WarningSpec;
}

export type Step = { line: number } & (
  | { kind: 'do'; call: DoCall }
  | { kind: 'assert'; name: AssertionName; field: string; expected: unknown }
  | { kind: 'set'; path: string; name: string }
  | { kind: 'transform_and_set'; name: string; expr: string }
);

export interface Section {
  prerequisites: Prerequisites;
  steps: Step[];
}

export interface Suite {
  file: string;
  setup?: Section;
  teardown?: Section;
  tests: { name: string; line: number; section: Section }[];
}

export class SuiteError extends Error {
  override name = 'SuiteError';
}

export function parseSuite(file: string, text: string): Suite {
  let lineCounter = new LineCounter();
  let docs = parseAllDocuments(text, { lineCounter });
  if (docs.some((d) => d.errors.length)) {
    const retry = new LineCounter();
    const fixed = parseAllDocuments(reindentFlowCollections(text), { lineCounter: retry });
    if (!fixed.some((d) => d.errors.length)) {
      docs = fixed;
      lineCounter = retry;
    }
  }
  const suite: Suite = { file, tests: [] };
  for (const doc of docs) {
    if (doc.errors.length) throw new SuiteError(`${file}: YAML error: ${doc.errors[0].message}`);
    const contents = doc.contents;
    if (contents === null) continue;
    if (!isYamlMap(contents)) throw new SuiteError(`${file}: each document must be a map of sections`);
    const js = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
    for (const pair of contents.items) {
      const name = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      const node = pair.value as Node | null;
      const lines = isSeq(node) ? node.items.map((n) => lineOf(lineCounter, n as Node)) : [];
      const section = parseSection(file, name, js[name], lines);
      const line = lineOf(lineCounter, pair.key as Node);
      if (name === 'setup') suite.setup = section;
      else if (name === 'teardown') suite.teardown = section;
      else suite.tests.push({ name: uniqueName(suite, name), line, section });
    }
  }
  return suite;
}

function lineOf(lc: LineCounter, node: Node | null | undefined): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 0 : lc.linePos(offset).line;
}

function uniqueName(suite: Suite, name: string): string {
  let candidate = name;
  for (let n = 2; suite.tests.some((t) => t.name === candidate); n++) candidate = `${name} (${n})`;
  return candidate;
}

function parseSection(file: string, name: string, items: unknown, lines: number[]): Section {
  const section: Section = { prerequisites: emptyPrerequisites(), steps: [] };
  if (items === null || items === undefined) return section;
  if (!Array.isArray(items)) throw new SuiteError(`${file}: section [${name}] must be a list of steps`);
  items.forEach((item, i) => {
    const line = lines[i] ?? 0;
    if (!isMap(item)) throw new SuiteError(`${file}:${line}: a step must be a map`);
    for (const [kind, value] of Object.entries(item)) {
      try {
        parseStep(section, kind, value, line);
      } catch (e) {
        throw new SuiteError(`${file}:${line}: ${(e as Error).message}`);
      }
    }
  });
  return section;
}

function parseStep(section: Section, kind: string, value: unknown, line: number): void {
  if (kind === 'skip' || kind === 'requires') return addPrerequisite(section.prerequisites, kind, value);
  if (kind === 'do') return void section.steps.push({ kind: 'do', line, call: parseDo(value) });
  if (kind === 'set' || kind === 'transform_and_set') {
    if (!isMap(value)) throw new Error(`[${kind}] must be a map`);
    for (const [k, v] of Object.entries(value)) {
      if (kind === 'set') section.steps.push({ kind, line, path: k, name: String(v) });
      else section.steps.push({ kind, line, name: k, expr: String(v) });
    }
    return;
  }
  if (isAssertion(kind)) {
    if (kind === 'is_true' || kind === 'is_false' || kind === 'exists' || kind === 'not_exists') {
      return void section.steps.push({ kind: 'assert', line, name: kind, field: value === null ? '' : String(value), expected: undefined });
    }
    if (!isMap(value)) throw new Error(`[${kind}] must be a map of field to expected value`);
    for (const [field, expected] of Object.entries(value)) section.steps.push({ kind: 'assert', line, name: kind, field, expected });
    return;
  }
  throw new Error(`unsupported step [${kind}]`);
}

const DO_KEYS = new Set(['catch', 'headers', 'warnings', 'warnings_regex', 'allowed_warnings', 'allowed_warnings_regex', 'node_selector']);

function parseDo(value: unknown): DoCall {
  if (!isMap(value)) throw new Error('[do] must be a map');
  const apis = Object.keys(value).filter((k) => !DO_KEYS.has(k));
  if (apis.length !== 1) throw new Error(`[do] must name exactly one API, found [${apis.join(', ')}]`);
  const list = (k: string) => (Array.isArray(value[k]) ? (value[k] as unknown[]).map(String) : []);
  const headers: Record<string, string> = {};
  if (isMap(value.headers)) for (const [k, v] of Object.entries(value.headers)) headers[k.toLowerCase()] = String(v);
  const call: DoCall = {
    api: apis[0],
    params: {},
    headers,
    catch: value.catch === undefined || value.catch === null ? undefined : String(value.catch),
    warnings: { expected: list('warnings'), expectedRegex: list('warnings_regex'), allowed: list('allowed_warnings'), allowedRegex: list('allowed_warnings_regex') },
  };
  const args = value[apis[0]];
  if (args !== null && args !== undefined && !isMap(args)) throw new Error(`arguments of [${apis[0]}] must be a map`);
  for (const [k, v] of Object.entries(args ?? {})) {
    if (k === 'body') setBody(call, v);
    else if (k === 'ignore') call.ignore = (Array.isArray(v) ? v : [v]).map(Number);
    else call.params[k] = v;
  }
  return call;
}

/** A string body is JSON text (possibly several values); a list holds one value or JSON line per item. */
function setBody(call: DoCall, v: unknown): void {
  if (v === null || v === undefined) return;
  const parts = Array.isArray(v) ? v : [v];
  const bodies: unknown[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      bodies.push(part);
      continue;
    }
    try {
      bodies.push(...parseJsonStream(part));
    } catch {
      if (parts.length === 1) {
        call.rawBody = part;
        return;
      }
      throw new Error(`body item is not JSON: ${part.slice(0, 80)}`);
    }
  }
  call.bodies = bodies;
}
