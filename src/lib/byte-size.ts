const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Parses an ES byte-size value (`100mb`, `16kb`, `1024b`); null when it is not one. */
export function parseByteSize(s: string): number | null {
  const m = /^(\d+)\s*(b|kb|mb|gb)$/i.exec(s.trim());
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : null;
}
