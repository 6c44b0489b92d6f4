import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import type { Logger } from 'pino';

/**
 * A config file parsed into a value and reloaded when it changes (stat polling, so it works on every
 * filesystem and through editors that replace files). A file that cannot be read or parsed keeps the last
 * good value and logs why; a missing file is the empty value.
 */
export class WatchedFile<T> {
  #value: T;
  readonly #path: string;
  readonly #parse: (text: string) => { value: T } | { error: string };
  readonly #empty: T;
  readonly #log: Logger;
  readonly #onChange: () => void;

  constructor(opts: { path: string; parse: (text: string) => { value: T } | { error: string }; empty: T; log: Logger; onChange?: () => void; intervalMs?: number }) {
    this.#path = opts.path;
    this.#parse = opts.parse;
    this.#empty = opts.empty;
    this.#log = opts.log;
    this.#onChange = opts.onChange ?? (() => undefined);
    this.#value = opts.empty;
    this.reload();
    watchFile(this.#path, { interval: opts.intervalMs ?? 1000, persistent: false }, () => {
      if (this.reload()) this.#onChange();
    });
  }

  get value(): T {
    return this.#value;
  }

  /** Reads the file again; returns whether the value changed. */
  reload(): boolean {
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        const changed = this.#value !== this.#empty;
        this.#value = this.#empty;
        return changed;
      }
      this.#log.error({ file: this.#path, code: (e as NodeJS.ErrnoException).code }, 'cannot read file; keeping the last good version');
      return false;
    }
    const parsed = this.#parse(text);
    if ('error' in parsed) {
      this.#log.error({ file: this.#path, reason: parsed.error }, 'invalid file; keeping the last good version');
      return false;
    }
    this.#value = parsed.value;
    this.#log.info({ file: this.#path }, 'loaded');
    return true;
  }

  close(): void {
    unwatchFile(this.#path);
  }
}
