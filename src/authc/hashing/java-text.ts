/**
 * The few places where Elasticsearch's results depend on how Java turns text into bytes and back.
 * Matching them keeps hashes byte-compatible for every input, not only for well-formed ASCII.
 */

// An unpaired UTF-16 surrogate, which Java's UTF-8 encoder replaces with '?' (Node would write U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The UTF-8 bytes Java produces for a char sequence (`StandardCharsets.UTF_8.encode`), as ES hashes them. */
export function javaUtf8(text: string): Buffer {
  return Buffer.from(text.isWellFormed() ? text : text.replace(LONE_SURROGATE, '?'), 'utf8');
}

// Java's basic Base64 decoder: standard alphabet; padding optional, but complete when present; nothing after it.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Decodes like `Base64.getDecoder().decode`, or returns null where Java would throw. */
export function decodeJavaBase64(text: string): Buffer | null {
  return STRICT_BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

const INT_MAX = 2 ** 31 - 1;

/** `Integer.parseInt` restricted to non-negative results (sign and leading zeros allowed), or null where Java would throw. */
export function parseJavaInt(text: string): number | null {
  if (!/^\+?\d+$/.test(text)) return null;
  const value = Number(text);
  return value <= INT_MAX ? value : null;
}
