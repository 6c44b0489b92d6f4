/**
 * A JSON parser for the bodies authorization reads: it refuses duplicate keys (ES's parser refuses them too;
 * JSON.parse would keep the last one, and a body read one way here and another way upstream is a bypass),
 * and keeps numbers that a double cannot hold exactly as raw JSON, so a rewritten body loses nothing.
 */
import { EsError } from '../../core/errors.ts';

const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export function parseStrictJson(text: string): unknown {
  const p = new Parser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i !== text.length) throw p.fail('unexpected data after the JSON value');
  return v;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly (invalid bytes are an error, as for ES) and parses. */
export function parseStrictJsonBytes(bytes: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new EsError('x_content_parse', 'Failed to parse request body: invalid UTF-8');
  }
  return parseStrictJson(text);
}

class Parser {
  i = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }

  fail(why: string): EsError {
    return new EsError('x_content_parse', `Failed to parse request body: ${why} at position [${this.i}]`);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  value(depth: number): unknown {
    if (depth > 200) throw this.fail('nesting too deep');
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't') return this.word('true', true);
    if (c === 'f') return this.word('false', false);
    if (c === 'n') return this.word('null', null);
    return this.number();
  }

  object(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw this.fail('expected a field name');
      const key = this.string();
      if (seen.has(key)) throw this.fail(`duplicate field [${key}]`);
      seen.add(key);
      this.ws();
      if (this.s[this.i] !== ':') throw this.fail("expected ':'");
      this.i++;
      this.ws();
      const v = this.value(depth + 1);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') throw this.fail("expected ',' or '}'");
    }
  }

  array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') throw this.fail("expected ',' or ']'");
    }
  }

  string(): string {
    const s = this.s;
    let i = ++this.i;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= s.length) throw this.fail('unterminated string');
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(start, i);
        this.i = i + 1;
        return out;
      }
      if (c < 0x20) throw this.fail('control character in string');
      if (c === 0x5c) {
        out += s.slice(start, i);
        const e = s[i + 1];
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail('invalid unicode escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const m = ESCAPES[e as keyof typeof ESCAPES];
          if (m === undefined) throw this.fail('invalid escape');
          out += m;
          i += 2;
        }
        start = i;
        continue;
      }
      i++;
    }
  }

  word<T>(w: string, v: T): T {
    if (this.s.startsWith(w, this.i)) {
      this.i += w.length;
      return v;
    }
    throw this.fail('unexpected token');
  }

  number(): unknown {
    const m = NUMBER.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw this.fail('unexpected token');
    this.i += m[0].length;
    const n = Number(m[0]);
    // A number a double holds exactly as written is a number; any other (big, or precise) stays as its text.
    if (/^-?\d+$/.test(m[0]) ? Number.isSafeInteger(n) : String(n) === m[0]) return n;
    return rawJSON(m[0]);
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as const;
