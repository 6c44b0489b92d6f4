/**
 * SnakeYAML, the parser behind Elasticsearch's runner, accepts a flow collection whose lines go back
 * to (or left of) the indentation of the key that holds it, e.g.
 *
 *     - match: { "index" : {
 *         "a": 1
 *       } }
 *
 * The `yaml` package rejects it. Inside a flow collection indentation carries no meaning, so this
 * indents such lines to just right of the collection's opening bracket. Only line starts change:
 * line numbers stay the same.
 */

const VALUE_START = new Set([':', '-', '[', '{', ',', '?']);

export function reindentFlowCollections(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let minIndent = 0;
  let quote: '"' | "'" | null = null;
  let blockScalarIndent = -1;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n];
    const indent = line.length - line.trimStart().length;
    if (blockScalarIndent >= 0) {
      if (line.trim() === '' || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (depth > 0 && quote === null && line.trim() !== '' && indent < minIndent) {
      line = ' '.repeat(minIndent - indent) + line;
      lines[n] = line;
    }
    let prev = ''; // previous non-space character on this line, outside strings
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = null;
        if (quote === null) prev = '"';
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") {
          quote = null;
          prev = "'";
        }
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      const atValueStart = prev === '' || VALUE_START.has(prev);
      if ((c === '"' || c === "'") && atValueStart) quote = c;
      else if ((c === '{' || c === '[') && (depth > 0 || atValueStart)) {
        if (depth === 0) minIndent = i + 1;
        depth++;
      } else if ((c === '}' || c === ']') && depth > 0) depth--;
      prev = c;
    }
    if (depth === 0 && quote === null && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/.test(line.trimEnd())) blockScalarIndent = indent;
  }
  return lines.join('\n');
}
