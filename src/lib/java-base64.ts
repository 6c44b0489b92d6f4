/**
 * Base64 decoding as Java's basic `Base64.getDecoder()` does it, with its error messages (Elasticsearch
 * reports them for unreadable credentials): standard alphabet, optional padding, nothing after the padding.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const PAD = 0x3d;

/** Java prints a byte as a signed number in hex (`Integer.toString(byte, 16)`). */
const javaHex = (byte: number) => (byte >= 128 ? `-${(256 - byte).toString(16)}` : byte.toString(16));

export function javaBase64Decode(s: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const src = Buffer.from(s, 'latin1');
  if (src.length === 1) return { ok: false, error: 'Input byte[] should at least have 2 bytes for base64 bytes' };
  const out: number[] = [];
  let bits = 0;
  let shift = 18;
  let i = 0;
  while (i < src.length) {
    const byte = src[i++];
    const v = VALUE.get(byte);
    if (v === undefined) {
      if (byte !== PAD) return { ok: false, error: `Illegal base64 character ${javaHex(byte)}` };
      if ((shift === 6 && (i === src.length || src[i++] !== PAD)) || shift === 18) return { ok: false, error: 'Input byte array has wrong 4-byte ending unit' };
      break;
    }
    bits |= v << shift;
    shift -= 6;
    if (shift < 0) {
      out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
      shift = 18;
      bits = 0;
    }
  }
  if (shift === 6) out.push((bits >> 16) & 0xff);
  else if (shift === 0) out.push((bits >> 16) & 0xff, (bits >> 8) & 0xff);
  else if (shift === 12) return { ok: false, error: 'Last unit does not have enough valid bits' };
  if (i < src.length) return { ok: false, error: `Input byte array has incorrect ending byte at ${i}` };
  return { ok: true, bytes: Uint8Array.from(out) };
}
