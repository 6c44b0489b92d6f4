/** Newline-delimited bodies (`_bulk`, `_msearch`): lines split on `\n` exactly as ES splits them. */
export function splitLines(raw: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (;;) {
    const nl = raw.indexOf(0x0a, from);
    if (nl < 0) {
      if (from < raw.length) out.push(raw.subarray(from));
      return out;
    }
    out.push(raw.subarray(from, nl));
    from = nl + 1;
  }
}

export function isBlank(line: Buffer): boolean {
  for (const b of line) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

export const NEWLINE = Buffer.from('\n');
