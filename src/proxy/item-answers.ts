/**
 * Answers of composite requests (`_bulk`, `_mget`, `_msearch`) with items answered here (denials) and items
 * answered upstream, written as a stream of ~64 KiB chunks: the upstream's elements are copied as bytes (found
 * by a scanner, not parsed), local ones serialized one at a time, and the event loop gets a turn between
 * chunks. Nothing the size of the whole answer is built, neither a value nor a string.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { ItemAnswers } from '../authz/forward-authorizer.ts';
import { scanArrayField, type ArrayField } from '../lib/json-array-scan.ts';
import { runSliced, Slice } from '../lib/slices.ts';

const CHUNK = 64 * 1024;
const MARK = '\u0000items\u0000';

/** The merged answer's chunks, or null when the upstream answer does not have the expected array (sent as is). */
export async function mergedAnswer(upstream: Buffer, answers: ItemAnswers, pretty: boolean): Promise<AsyncIterable<Buffer> | null> {
  const field = await runSliced(scanArrayField(upstream, answers.key));
  if (!field) return null;
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.concat([upstream.subarray(0, field.headEnd), upstream.subarray(field.tailStart)]).toString('utf8'));
  } catch {
    return null;
  }
  return chunks({ ...head, ...answers.set }, answers, pretty, upstream, field);
}

/** An answer made of local items only. */
export function localAnswer(answers: ItemAnswers, pretty: boolean): AsyncIterable<Buffer> {
  return chunks({ ...answers.head, ...answers.set }, answers, pretty, null, null);
}

async function* chunks(head: Record<string, unknown>, a: ItemAnswers, pretty: boolean, upstream: Buffer | null, field: ArrayField | null): AsyncGenerator<Buffer> {
  const text = JSON.stringify({ ...head, [a.key]: MARK }, null, pretty ? 2 : undefined);
  const at = text.indexOf(JSON.stringify(MARK));
  const slice = new Slice();
  let out = text.slice(0, at) + '[';
  let j = 0;
  for (let n = 0; n < a.count; n++) {
    if (n > 0) out += ',';
    if (pretty) out += '\n    ';
    const local = a.local(n);
    if (local !== null) out += serialize(local, pretty);
    else if (upstream && field && j < field.starts.length) {
      const raw = upstream.toString('utf8', field.starts[j], field.ends[j]);
      j++;
      out += pretty ? serialize(JSON.parse(raw), true) : raw;
    } else out += 'null';
    if (out.length >= CHUNK) {
      yield Buffer.from(out);
      out = '';
      await slice.tick();
    }
  }
  if (pretty && a.count > 0) out += '\n  ';
  out += ']' + text.slice(at + JSON.stringify(MARK).length);
  yield Buffer.from(out);
}

function serialize(v: unknown, pretty: boolean): string {
  return pretty ? JSON.stringify(v, null, 2).replaceAll('\n', '\n    ') : JSON.stringify(v);
}

/** Writes the chunks with backpressure; stops when the client goes away. */
export async function sendChunks(req: IncomingMessage, res: ServerResponse, status: number, headers: readonly string[], body: AsyncIterable<Buffer>): Promise<void> {
  res.writeHead(status, [...headers]);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  for await (const chunk of body) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  }
  res.end();
}
