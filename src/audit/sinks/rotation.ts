import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The UTC day of an instant, `yyyy-MM-dd`. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const activeFileName = (name: string): string => `${name}_audit.json`;

/** A rotated file: `<name>_audit-<yyyy-MM-dd>-<i>.json`, as ES's rolling appender names them (uncompressed). */
export const rotatedFileName = (name: string, day: string, index: number): string => `${name}_audit-${day}-${index}.json`;

function rotatedPattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_audit-(\\d{4}-\\d{2}-\\d{2})-(\\d+)\\.json$`);
}

/** The rotated files of `name` in `dir`, oldest first (by day, then index). */
export async function rotatedFiles(dir: string, name: string): Promise<{ file: string; day: string; index: number }[]> {
  const pattern = rotatedPattern(name);
  const out: { file: string; day: string; index: number }[] = [];
  for (const file of await readdir(dir)) {
    const m = pattern.exec(file);
    if (m) out.push({ file, day: m[1], index: Number(m[2]) });
  }
  return out.sort((a, b) => (a.day === b.day ? a.index - b.index : a.day < b.day ? -1 : 1));
}

/** The next free index for a rotation of `day`'s file. */
export async function nextIndex(dir: string, name: string, day: string): Promise<number> {
  const same = (await rotatedFiles(dir, name)).filter((f) => f.day === day);
  return same.length === 0 ? 1 : Math.max(...same.map((f) => f.index)) + 1;
}

/** Deletes the oldest rotated files beyond `keep`. */
export async function pruneRotated(dir: string, name: string, keep: number): Promise<string[]> {
  const files = await rotatedFiles(dir, name);
  const excess = files.slice(0, Math.max(0, files.length - keep));
  for (const f of excess) await unlink(join(dir, f.file)).catch(() => undefined);
  return excess.map((f) => f.file);
}

export interface RotationPolicy {
  /** Rotate before a write would take the file past this many bytes; 0 disables. */
  readonly maxSizeBytes: number;
  /** Rotate when the UTC day changes. */
  readonly daily: boolean;
}

/** Whether the active file (of `size` bytes, started on `fileDay`) must be rotated before writing `incoming` bytes. */
export function needsRotation(policy: RotationPolicy, size: number, fileDay: string, today: string, incoming: number): boolean {
  if (size === 0) return false;
  if (policy.daily && fileDay !== today) return true;
  return policy.maxSizeBytes > 0 && size + incoming > policy.maxSizeBytes;
}
