import type { Logger } from 'pino';
import type { AuditEvent } from '../fields.ts';
import type { AuditSink, OverflowPolicy, SinkStats } from './sink.ts';

/**
 * What a delivery did with a batch: events to try again (put back at the head of the queue) and the number
 * the destination refused for good. Throwing means "nothing was written, try the whole batch again".
 */
export interface Delivery {
  readonly retry: readonly AuditEvent[];
  readonly rejected: number;
}

export interface BufferedSinkOptions {
  readonly name: string;
  /** Events held in memory before the overflow policy applies. */
  readonly maxQueue: number;
  readonly batchSize: number;
  /** Wait this long to fill a batch; 0 writes as soon as possible. */
  readonly flushIntervalMs: number;
  readonly overflow: OverflowPolicy;
  readonly log: Logger;
  /** How often the count of dropped events is logged while events are being dropped. */
  readonly lossLogIntervalMs?: number;
  /** Longest wait between retries of a failing destination. */
  readonly maxBackoffMs?: number;
  /** How long `close` keeps trying to write what is queued. */
  readonly closeTimeoutMs?: number;
  deliver(batch: readonly AuditEvent[]): Promise<Delivery>;
  /** Releases the destination's resources after the final flush. */
  release?(): Promise<void>;
}

/**
 * The buffer every sink shares: a bounded queue drained in batches by one delivery at a time, retried with
 * backoff while the destination fails. When the queue is full, `reject` stops accepting requests (events of
 * requests already in flight still fit, up to twice the bound) and `drop` drops, counts and logs.
 */
export class BufferedSink implements AuditSink {
  readonly name: string;
  readonly #o: BufferedSinkOptions;
  #queue: AuditEvent[] = [];
  #inFlight: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #lossTimer: NodeJS.Timeout | null = null;
  #written = 0;
  #dropped = 0;
  #droppedUnlogged = 0;
  #rejected = 0;
  #failures = 0;
  #full = false;
  #closed = false;
  #backingOff = false;

  constructor(options: BufferedSinkOptions) {
    this.name = options.name;
    this.#o = options;
  }

  write(event: AuditEvent): void {
    if (this.#closed) return this.#drop(1);
    const max = this.#o.maxQueue;
    const cap = this.#o.overflow === 'reject' ? max * 2 : max;
    if (this.#queue.length >= cap) this.#drop(1);
    else this.#queue.push(event);
    this.#noteFullness();
    this.#schedule();
  }

  isAccepting(): boolean {
    return this.#o.overflow !== 'reject' || this.#queue.length < this.#o.maxQueue;
  }

  stats(): SinkStats {
    return { queued: this.#queue.length, written: this.#written, dropped: this.#dropped, rejected: this.#rejected, failures: this.#failures };
  }

  async flush(timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#queue.length > 0 || this.#inFlight) {
      if (Date.now() >= deadline) return false;
      if (this.#inFlight) await this.#inFlight;
      else {
        this.#clearTimer();
        await this.#drain();
        if (this.#failures > 0) await sleep(Math.min(100, Math.max(0, deadline - Date.now())));
      }
    }
    return true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const done = await this.flush(this.#o.closeTimeoutMs ?? 5_000);
    this.#clearTimer();
    if (!done) {
      this.#o.log.error({ sink: this.name, lost: this.#queue.length }, 'audit events could not be written before shutdown');
      this.#dropped += this.#queue.length;
      this.#queue = [];
    }
    this.#logLoss();
    if (this.#lossTimer) clearTimeout(this.#lossTimer);
    await this.#o.release?.();
  }

  #drop(n: number): void {
    this.#dropped += n;
    this.#droppedUnlogged += n;
    if (!this.#lossTimer && !this.#closed) {
      this.#logLoss();
      this.#lossTimer = setTimeout(() => {
        this.#lossTimer = null;
        this.#logLoss();
      }, this.#o.lossLogIntervalMs ?? 10_000);
      this.#lossTimer.unref();
    }
  }

  #logLoss(): void {
    if (this.#droppedUnlogged === 0) return;
    const policy = this.#o.overflow;
    this.#o.log.error(
      { sink: this.name, dropped: this.#droppedUnlogged, droppedTotal: this.#dropped, queued: this.#queue.length, policy },
      policy === 'drop' ? 'audit events dropped: the audit buffer is full' : 'audit events dropped: the audit buffer is past its hard limit',
    );
    this.#droppedUnlogged = 0;
  }

  #noteFullness(): void {
    const full = !this.isAccepting();
    if (full === this.#full) return;
    this.#full = full;
    if (full) this.#o.log.error({ sink: this.name, queued: this.#queue.length }, 'audit buffer full: refusing requests until it drains');
    else this.#o.log.warn({ sink: this.name, queued: this.#queue.length }, 'audit buffer drained: accepting requests again');
  }

  /** Plans the next delivery: a retry after `delayMs`, at once for a full batch, else after the flush interval. */
  #schedule(delayMs?: number): void {
    if (this.#inFlight || this.#queue.length === 0) return;
    const full = this.#queue.length >= this.#o.batchSize;
    if (this.#timer && (this.#backingOff || !full)) return; // a retry waits out its backoff; a partial batch its interval
    this.#clearTimer();
    this.#backingOff = delayMs !== undefined;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#backingOff = false;
      void this.#drain();
    }, delayMs ?? (full ? 0 : this.#o.flushIntervalMs));
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#backingOff = false;
  }

  #drain(): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    if (this.#queue.length === 0) return Promise.resolve();
    const batch = this.#queue.slice(0, this.#o.batchSize);
    const run = async (): Promise<void> => {
      let delay: number | undefined;
      try {
        const result = await this.#o.deliver(batch);
        this.#queue.splice(0, batch.length, ...result.retry);
        this.#written += batch.length - result.retry.length - result.rejected;
        this.#rejected += result.rejected;
        const failedBefore = this.#failures;
        this.#failures = result.retry.length > 0 ? failedBefore + 1 : 0;
        if (result.retry.length > 0) delay = this.#backoff();
        else if (failedBefore > 0) this.#o.log.warn({ sink: this.name, failures: failedBefore }, 'audit output recovered');
      } catch (err) {
        this.#failures++;
        if (this.#failures === 1) this.#o.log.error({ sink: this.name, err: errorInfo(err), queued: this.#queue.length }, 'audit output failed; retrying');
        delay = this.#backoff();
      } finally {
        this.#inFlight = null;
      }
      this.#noteFullness();
      if (!this.#closed) this.#schedule(delay);
    };
    this.#inFlight = run();
    return this.#inFlight;
  }

  #backoff(): number {
    const base = Math.max(this.#o.flushIntervalMs, 100);
    return Math.min(base * 2 ** Math.min(this.#failures - 1, 10), this.#o.maxBackoffMs ?? 30_000);
  }
}

function errorInfo(err: unknown): { message: string; code?: string } {
  return err instanceof Error ? { message: err.message, code: (err as NodeJS.ErrnoException).code } : { message: String(err) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
