/**
 * Parses a string holding one or more JSON values one after the other (as a YAML test's string
 * `body` may, for bulk requests). Throws SyntaxError when a value is not valid JSON.
 */
export function parseJsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const end = endOfValue(text, i);
    values.push(JSON.parse(text.slice(i, end)));
    i = end;
  }
  return values;
}

/** Index just past the JSON value starting at `start`. */
function endOfValue(text: string, start: number): number {
  const first = text[start];
  if (first !== '{' && first !== '[') {
    if (first === '"') return endOfString(text, start);
    let j = start;
    while (j < text.length && !/[\s{}[\],]/.test(text[j])) j++;
    return j;
  }
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (c === '"') j = endOfString(text, j) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

function endOfString(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}
