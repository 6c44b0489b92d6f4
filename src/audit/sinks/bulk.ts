import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../fields.ts';
import { TIMESTAMP } from '../fields.ts';
import { auditIndexName, indexDocument } from '../format.ts';
import type { Delivery } from './buffered-sink.ts';

/** Each event keeps one document id across retries, so a batch resent after a lost reply is not indexed twice. */
const ids = new WeakMap<AuditEvent, string>();
export function documentId(event: AuditEvent): string {
  let id = ids.get(event);
  if (!id) ids.set(event, (id = randomUUID()));
  return id;
}

/** The `_bulk` NDJSON for a batch: one `create` per event into its day's index. */
export function bulkBody(batch: readonly AuditEvent[], prefix: string): string {
  let out = '';
  for (const event of batch) {
    const action = { create: { _index: auditIndexName(prefix, String(event[TIMESTAMP])), _id: documentId(event) } };
    out += `${JSON.stringify(action)}\n${JSON.stringify(indexDocument(event))}\n`;
  }
  return out;
}

export interface BulkItemError {
  readonly status: number;
  readonly type?: string;
  readonly reason?: string;
}

/**
 * What a `_bulk` reply means for the batch: created (or already there: 409 on a resent `create`) is done;
 * 429 and 5xx are retried; any other refusal is permanent and reported.
 */
export function bulkOutcome(batch: readonly AuditEvent[], reply: unknown): Delivery & { readonly errors: readonly BulkItemError[] } {
  const items = (reply as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items) || items.length !== batch.length) throw new Error('unexpected _bulk reply: the items do not match the batch');
  const retry: AuditEvent[] = [];
  const errors: BulkItemError[] = [];
  items.forEach((item, i) => {
    const r = Object.values(item as Record<string, { status?: number; error?: { type?: string; reason?: string } }>)[0] ?? {};
    const status = r.status ?? 0;
    if ((status >= 200 && status < 300) || status === 409) return;
    if (status === 429 || status >= 500 || status === 0) retry.push(batch[i]);
    else errors.push({ status, type: r.error?.type, reason: r.error?.reason });
  });
  return { retry, rejected: errors.length, errors };
}
