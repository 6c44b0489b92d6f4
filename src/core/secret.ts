import { inspect } from 'node:util';

const REDACTED = '::es_redacted::';

/**
 * A credential (password, API key secret, token) that never prints itself.
 * `String(s)`, `JSON.stringify(s)`, template literals and `util.inspect` all give a redaction marker;
 * only `reveal()` yields the value, and each call site of it is a place to review.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  get length(): number {
    return this.#value.length;
  }
  isEmpty(): boolean {
    return this.#value.length === 0;
  }
  /** Constant-time comparison with another secret. */
  equals(other: Secret): boolean {
    return constantTimeEqual(this.#value, other.#value);
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

export const REDACTION_MARKER = REDACTED;

import { timingSafeEqual, createHash } from 'node:crypto';

/** Compares two strings without leaking where they differ (hashing first equalises lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
