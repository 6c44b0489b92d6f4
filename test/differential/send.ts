/** One HTTP request with node:http (bodies on GET and DELETE, as the clients send them). */
import { request } from 'node:http';
import type { Answer } from './types.ts';

export function send(base: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    // Content-Length always: Node does not frame a GET or DELETE body by itself.
    const framing = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const req = request(url, { method, headers: { ...headers, ...framing }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text === '' ? null : JSON.parse(text);
        } catch {
          /* not JSON: compared as text */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
