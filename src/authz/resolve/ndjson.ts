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

/** The lines of an NDJSON body as byte ranges, without copying or keeping a list of them. */
export class Lines {
  readonly #raw: Buffer;
  #from = 0;
  #line = { start: 0, end: 0 };
  number = 0;

  constructor(raw: Buffer) {
    this.#raw = raw;
  }

  /** The next line, or null at the end. */
  next(): { readonly start: number; readonly end: number } | null {
    const raw = this.#raw;
    if (this.#from >= raw.length) return null;
    const nl = raw.indexOf(0x0a, this.#from);
    const end = nl < 0 ? raw.length : nl;
    this.#line = { start: this.#from, end };
    this.#from = end + 1;
    this.number++;
    return this.#line;
  }

  blank(): boolean {
    for (let i = this.#line.start; i < this.#line.end; i++) {
      const b = this.#raw[i];
      if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
    }
    return true;
  }
}

export const NEWLINE = Buffer.from('\n');
