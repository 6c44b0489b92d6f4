/**
 * Which forwarded requests can change what a wildcard expands to (indices, aliases, data streams created,
 * deleted, opened, closed, hidden): after one succeeds the metadata cache is dropped, so the very next
 * request sees the change. Writes to a name that does not exist (auto-create) are flagged by the forward
 * decision itself; this is the list by action name, a net under the routes table.
 */
import type { Resolution } from '../resolve/types.ts';

const PREFIXES = [
  'indices:admin/create',
  'indices:admin/auto_create',
  'indices:admin/delete',
  'indices:admin/aliases', // except aliases/get, below
  'indices:admin/rollover',
  'indices:admin/resize',
  'indices:admin/shrink',
  'indices:admin/split',
  'indices:admin/clone',
  'indices:admin/open',
  'indices:admin/close',
  'indices:admin/block/add',
  'indices:admin/settings/update', // index.hidden changes expansion
  'indices:admin/data_stream/', // except data_stream/get, below
  'indices:data/write/reindex',
  'cluster:admin/snapshot/restore',
  'cluster:admin/indices/dangling/import',
] as const;

const READS = ['indices:admin/aliases/get', 'indices:admin/data_stream/get'] as const;

/** Whether a successful forward of this resolution may have changed index metadata. */
export function mayChangeMetadata(r: Resolution, method: string): boolean {
  if (r.changesMetadata === true) return true;
  // Only cluster `all` may send what the gateway does not know; it may change anything unless it only reads.
  if (r.kind === 'unresolved') return method !== 'GET' && method !== 'HEAD';
  const a = r.action;
  if (READS.some((p) => a.startsWith(p))) return false;
  return PREFIXES.some((p) => a.startsWith(p));
}
