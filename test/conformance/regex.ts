/**
 * Java regular expressions as the YAML tests write them, turned into JavaScript RegExps.
 * `match` uses Java's COMMENTS flag (unescaped whitespace is ignored and `#` starts a comment,
 * except inside a character class); `catch: /.../` does not. Both search (Matcher.find), they do
 * not need to match the whole string.
 */

/** Removes what Pattern.COMMENTS ignores: unescaped whitespace and `# ...` to the end of the line. */
export function stripComments(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      out += c + source[i + 1];
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** Compiles a Java pattern; throws SyntaxError when JavaScript cannot express it. */
export function javaRegex(source: string, comments: boolean): RegExp {
  let src = comments ? stripComments(source) : source;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    if (inline[1].includes('x')) src = stripComments(src);
    for (const f of inline[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  src = src.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  if (/\\p\{/.test(src)) flags += 'u';
  return new RegExp(src, flags);
}

/** `/.../` around a (trimmed) string marks a regex in `match` and `catch`. */
export function regexBody(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length > 2 && t.startsWith('/') && t.endsWith('/') ? t.slice(1, -1) : null;
}
