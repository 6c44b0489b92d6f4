/**
 * A `.env` file, read the simple way most tools do: `KEY=value` lines, optional `export `, `#` comments,
 * single quotes literal, double quotes with `\n`, `\t`, `\"` and `\\` escapes. Unquoted values are trimmed
 * and end at ` #`. Nothing is expanded.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s?(.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, key, rest] = m;
    let value = rest.replace(/^\s+/, '');
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may span lines until its closing quote.
      let body = value.slice(1);
      let end = closingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i]}`;
        end = closingQuote(body, quote);
      }
      const raw = end < 0 ? body : body.slice(0, end);
      out[key] = quote === '"' ? unescapeDouble(raw) : raw;
    } else {
      const hash = value.search(/\s#/);
      out[key] = (hash < 0 ? value : value.slice(0, hash)).trim();
    }
  }
  return out;
}

function closingQuote(s: string, quote: string): number {
  for (let i = 0; i < s.length; i++) {
    if (quote === '"' && s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(s: string): string {
  return s.replace(/\\([nrt"\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c]!);
}
