import type { IncomingMessage } from 'node:http';

/**
 * A request body, bounded: copied once into a buffer of the declared length as it arrives (no list of chunks
 * concatenated at the end); without a length, chunks are collected up to `limit`. `tooLarge(size)` is thrown
 * past the limit, `overLength(declared)` when more arrives than `Content-Length` said.
 */
export async function readAll(req: IncomingMessage, limit: number, errors: { tooLarge: (size: number) => Error; overLength: (declared: number) => Error }): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw errors.tooLarge(declared);
  if (Number.isSafeInteger(declared) && declared > 0 && req.headers['transfer-encoding'] === undefined) {
    const out = Buffer.allocUnsafe(declared);
    let at = 0;
    for await (const chunk of req) {
      const b = chunk as Buffer;
      if (at + b.length > declared) throw errors.overLength(declared);
      at += b.copy(out, at);
    }
    return at === declared ? out : out.subarray(0, at);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw errors.tooLarge(size);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
