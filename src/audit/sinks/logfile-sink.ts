import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { AuditEvent } from '../fields.ts';
import { logfileLine } from '../format.ts';
import { BufferedSink } from './buffered-sink.ts';
import type { OverflowPolicy } from './sink.ts';
import { activeFileName, needsRotation, nextIndex, pruneRotated, rotatedFileName, utcDay, type RotationPolicy } from './rotation.ts';

export interface LogfileSinkOptions extends RotationPolicy {
  /** Directory of the audit log. */
  readonly dir: string;
  /** The file is `<name>_audit.json` (ES uses the cluster name). */
  readonly name: string;
  /** Rotated files kept; older ones are deleted. */
  readonly maxFiles: number;
  readonly maxQueue: number;
  readonly overflow: OverflowPolicy;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The JSON-lines audit log, `<dir>/<name>_audit.json`, rotated by size and/or daily, keeping `maxFiles` old files. */
export function createLogfileSink(o: LogfileSinkOptions): BufferedSink {
  const file = new AuditFile(o);
  return new BufferedSink({
    name: 'logfile',
    maxQueue: o.maxQueue,
    batchSize: 1_000,
    flushIntervalMs: 0,
    overflow: o.overflow,
    log: o.log,
    deliver: async (batch) => {
      await file.append(batch);
      return { retry: [], rejected: 0 };
    },
    release: () => file.close(),
  });
}

/** The active audit file: opened lazily (append, owner/group only), rotated before a write that crosses a limit. */
class AuditFile {
  readonly #o: LogfileSinkOptions;
  #handle: FileHandle | null = null;
  #size = 0;
  #day = '';

  constructor(o: LogfileSinkOptions) {
    this.#o = o;
  }

  get path(): string {
    return join(this.#o.dir, activeFileName(this.#o.name));
  }

  async append(batch: readonly AuditEvent[]): Promise<void> {
    const text = batch.map(logfileLine).join('');
    const bytes = Buffer.byteLength(text);
    try {
      await this.#open();
      const today = utcDay(this.#o.clock.now());
      if (needsRotation(this.#o, this.#size, this.#day, today, bytes)) await this.#rotate(today);
      else if (this.#size === 0) this.#day = today;
      await this.#handle!.write(text);
      this.#size += bytes;
    } catch (e) {
      await this.close(); // reopen on the next attempt (the directory may have been fixed, the disk freed)
      throw e;
    }
  }

  async close(): Promise<void> {
    const h = this.#handle;
    this.#handle = null;
    await h?.close().catch(() => undefined);
  }

  async #open(): Promise<void> {
    if (this.#handle) return;
    await mkdir(this.#o.dir, { recursive: true, mode: 0o750 });
    this.#handle = await open(this.path, 'a', 0o640);
    const s = await stat(this.path);
    this.#size = s.size;
    this.#day = utcDay(s.size > 0 ? s.mtimeMs : this.#o.clock.now());
  }

  async #rotate(today: string): Promise<void> {
    await this.close();
    const index = await nextIndex(this.#o.dir, this.#o.name, this.#day);
    await rename(this.path, join(this.#o.dir, rotatedFileName(this.#o.name, this.#day, index)));
    const deleted = await pruneRotated(this.#o.dir, this.#o.name, this.#o.maxFiles);
    if (deleted.length > 0) this.#o.log.info({ deleted }, 'deleted old audit log files');
    await this.#open();
    this.#day = today;
  }
}
