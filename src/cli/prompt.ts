import { createInterface, type Interface } from 'node:readline';

/**
 * Prompts on stderr and reads answers from one input. Piped input is read through a single line reader
 * (several readers on one stream would each swallow buffered lines). On a terminal, secret answers are read
 * in raw mode so that nothing is echoed.
 */
export class Prompter {
  readonly #input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  readonly #output: NodeJS.WritableStream;
  #lines: AsyncIterator<string> | undefined;
  #rl: Interface | undefined;

  constructor(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr) {
    this.#input = input;
    this.#output = output;
  }

  async line(question: string): Promise<string> {
    this.#output.write(question);
    return this.#next();
  }

  async secret(question: string): Promise<string> {
    this.#output.write(question);
    const answer = this.#input.isTTY && this.#input.setRawMode ? await this.#rawLine() : await this.#next();
    this.#output.write('\n');
    return answer;
  }

  close(): void {
    this.#rl?.close();
  }

  async #next(): Promise<string> {
    if (!this.#lines) {
      this.#rl = createInterface({ input: this.#input, terminal: false });
      this.#lines = this.#rl[Symbol.asyncIterator]();
    }
    const r = await this.#lines.next();
    if (r.done) throw new Error('no input');
    return r.value;
  }

  /** Reads characters in raw mode until Enter; Backspace edits, Ctrl-C aborts; nothing is echoed. */
  #rawLine(): Promise<string> {
    const input = this.#input;
    return new Promise((resolve, reject) => {
      let value = '';
      input.setRawMode!(true);
      input.resume();
      const onData = (chunk: Buffer | string) => {
        for (const ch of String(chunk)) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(value));
          if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      const done = (finish: () => void) => {
        input.off('data', onData);
        input.setRawMode!(false);
        input.pause();
        finish();
      };
      input.on('data', onData);
    });
  }
}
