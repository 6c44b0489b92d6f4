const UNITS: Record<string, number> = {
  nanos: 1e-6,
  micros: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses an Elasticsearch time value (`500ms`, `20m`, `7d`, `-1`) into milliseconds.
 * Returns null for anything else (ES rejects bare numbers other than `-1` and `0`).
 */
export function parseTimeValue(value: unknown): number | null {
  if (typeof value === 'number') return value === -1 || value === 0 ? value : null;
  if (typeof value !== 'string') return null;
  // As ES: units are case-insensitive except minutes (`M` would mean months and is refused); no fractions.
  if (value.trim().endsWith('M')) return null;
  const s = value.trim().toLowerCase();
  if (s === '-1' || s === '0') return Number(s);
  const m = /^(\d+)\s*(nanos|micros|ms|s|m|h|d)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]) * UNITS[m[2]];
  return Number.isFinite(n) ? Math.round(n) : null;
}
