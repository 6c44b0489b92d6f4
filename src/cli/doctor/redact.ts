import { REDACTION_MARKER, type Secret } from '../../core/secret.ts';

/**
 * The last line of defence: every form a configured secret could take in the output (as given, trimmed,
 * either half of `id:key`, base64 of it, its base64 decoding) is replaced by the redaction marker. Checks
 * never print secrets in the first place; this catches a server echoing one back.
 */
const SCHEMES = /^(basic|apikey|bearer|negotiate)$/i;

export class Redactor {
  readonly #needles: string[];

  constructor(secrets: readonly (Secret | undefined)[], pairs: readonly [string, Secret][] = []) {
    const forms = new Set<string>();
    const add = (s: string) => {
      const t = s.trim();
      if (t.length >= 4) forms.add(t);
    };
    for (const secret of secrets) {
      if (!secret) continue;
      const v = secret.reveal();
      add(v);
      for (const word of v.split(/\s+/)) if (word.length >= 8 && !SCHEMES.test(word)) add(word); // "ApiKey xyz" → xyz as well
      add(Buffer.from(v.trim()).toString('base64'));
      const decoded = decodeBase64(v.trim().replace(/^\S+\s+/, ''));
      if (decoded) {
        add(decoded);
        add(afterColon(decoded)); // the key of `id:key` (the id is not a secret, and names the key in messages)
      }
      add(afterColon(v));
    }
    for (const [user, password] of pairs) add(Buffer.from(`${user}:${password.reveal()}`).toString('base64'));
    this.#needles = [...forms].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const n of this.#needles) out = out.split(n).join(REDACTION_MARKER);
    return out;
  }
}

function afterColon(s: string): string {
  const i = s.indexOf(':');
  return i < 0 ? '' : s.slice(i + 1);
}

function decodeBase64(s: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return null;
  const text = Buffer.from(s, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}
