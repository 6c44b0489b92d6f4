import type { IncomingMessage } from 'node:http';

/**
 * Every value of one request header, from the raw list (Node keeps only the first `Authorization` in
 * `req.headers`). Cheaper than `req.headersDistinct`, which builds an object of all headers per request.
 * `name` is lower case.
 */
export function headerValues(req: IncomingMessage, name: string): string[] | undefined {
  const raw = req.rawHeaders;
  let values: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === name.length && raw[i].toLowerCase() === name) (values ??= []).push(raw[i + 1]);
  }
  return values;
}
