/**
 * Where each field of a parsed JSON body stood in its text, so parse errors can name the position as
 * Elasticsearch's XContent parser does (`[line:column]`, both 1-based). `parseJson` is JSON.parse plus one
 * linear scan of the (already valid) text that records, for every object, where each key and its value
 * begin; the positions hang off the parsed objects in a WeakMap and die with them.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
}

interface ObjectPositions {
  readonly keys: Map<string, Position>;
  readonly values: Map<string, Position>;
  /** The closing brace: where a nested object's parser stands when it has read the object. */
  end?: Position;
}

const POSITIONS = new WeakMap<object, ObjectPositions>();

const WS = new Set([' ', '\t', '\n', '\r']);

interface Scanner {
  readonly text: string;
  i: number;
  line: number;
  lineStart: number;
}

function skipWs(s: Scanner): void {
  while (s.i < s.text.length && WS.has(s.text[s.i])) {
    if (s.text[s.i] === '\n') {
      s.line++;
      s.lineStart = s.i + 1;
    }
    s.i++;
  }
}

const here = (s: Scanner): Position => ({ line: s.line, column: s.i - s.lineStart + 1 });

/** Skips a string token (the text is valid JSON: no raw newline inside). */
function skipString(s: Scanner): void {
  s.i++;
  while (s.text[s.i] !== '"') s.i += s.text[s.i] === '\\' ? 2 : 1;
  s.i++;
}

function skipScalar(s: Scanner): void {
  while (s.i < s.text.length && !',]}'.includes(s.text[s.i]) && !WS.has(s.text[s.i])) s.i++;
}

function scan(s: Scanner, value: unknown): void {
  skipWs(s);
  const c = s.text[s.i];
  if (c === '{') {
    const o = value as Record<string, unknown>;
    const pos: ObjectPositions = { keys: new Map(), values: new Map() };
    POSITIONS.set(o, pos);
    s.i++;
    skipWs(s);
    while (s.text[s.i] !== '}') {
      const keyAt = here(s);
      const from = s.i;
      skipString(s);
      const key = JSON.parse(s.text.slice(from, s.i)) as string;
      skipWs(s);
      s.i++; // ':'
      skipWs(s);
      pos.keys.set(key, keyAt);
      pos.values.set(key, here(s));
      scan(s, o[key]);
      skipWs(s);
      if (s.text[s.i] === ',') s.i++;
      skipWs(s);
    }
    pos.end = here(s);
    s.i++;
  } else if (c === '[') {
    const a = value as unknown[];
    s.i++;
    skipWs(s);
    let n = 0;
    while (s.text[s.i] !== ']') {
      scan(s, a[n++]);
      skipWs(s);
      if (s.text[s.i] === ',') s.i++;
      skipWs(s);
    }
    s.i++;
  } else if (c === '"') skipString(s);
  else skipScalar(s);
}

/** JSON.parse, remembering where every object's keys and values began. Throws as JSON.parse does. */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (value !== null && typeof value === 'object') scan({ text, i: 0, line: 1, lineStart: 0 }, value);
  return value;
}

const render = (p: Position | undefined) => (p ? `[${p.line}:${p.column}]` : '[1:2]');

/** `[line:column]` of the field's name in the body `obj` came from (`[1:2]` when not known). */
export function keyAt(obj: unknown, key: string): string {
  return render(obj !== null && typeof obj === 'object' ? POSITIONS.get(obj)?.keys.get(key) : undefined);
}

/** `[line:column]` of the field's value (`[1:2]` when not known). */
export function valueAt(obj: unknown, key: string): string {
  return render(obj !== null && typeof obj === 'object' ? POSITIONS.get(obj)?.values.get(key) : undefined);
}

/** `[line:column]` of the object's closing brace (`[1:2]` when not known). */
export function endAt(obj: unknown): string {
  return render(obj !== null && typeof obj === 'object' ? POSITIONS.get(obj)?.end : undefined);
}
