import type { AuditEvent } from '../fields.ts';

/** What a sink does when its buffer is full (`portcullis.audit.on_overflow`). */
export const OverflowPolicy = {
  /** Fail closed: the gateway refuses new requests (503) until the buffer drains; nothing is dropped. */
  reject: 'reject',
  /** Keep serving: events that do not fit are dropped, counted, and the loss is logged periodically. */
  drop: 'drop',
} as const;
export type OverflowPolicy = (typeof OverflowPolicy)[keyof typeof OverflowPolicy];

export interface SinkStats {
  /** Events waiting to be written. */
  readonly queued: number;
  /** Events written. */
  readonly written: number;
  /** Events dropped because the buffer was full. */
  readonly dropped: number;
  /** Events the destination refused for good (e.g. a mapping error), counted and logged. */
  readonly rejected: number;
  /** Consecutive failed deliveries (0 when the destination is healthy). */
  readonly failures: number;
}

/** An audit output. Every sink buffers, so `write` never waits; `isAccepting` tells the pipeline when to refuse. */
export interface AuditSink {
  readonly name: string;
  write(event: AuditEvent): void;
  /** False while the buffer is full under the `reject` policy: the pipeline must answer 503. */
  isAccepting(): boolean;
  /** Resolves once everything queued is written (true), or when the timeout passes first (false). */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Flushes (bounded by a timeout), logs what could not be written, and releases files and connections. */
  close(): Promise<void>;
  stats(): SinkStats;
}
