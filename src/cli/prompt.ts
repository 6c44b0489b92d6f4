import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Reads one line without echoing it (a muted output stream), or a plain line when stdin is not a terminal. */
export async function promptSecret(question: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  output.write(question);
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const rl = createInterface({ input, output: muted, terminal: (input as { isTTY?: boolean }).isTTY === true });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new Error('no input')));
    });
    output.write('\n');
    return line;
  } finally {
    rl.close();
  }
}

export async function promptLine(question: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  const rl = createInterface({ input, output, terminal: false });
  output.write(question);
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new Error('no input')));
    });
  } finally {
    rl.close();
  }
}
