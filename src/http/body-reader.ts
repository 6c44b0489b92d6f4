import type { IncomingMessage } from 'node:http';
import { EsError } from '../core/errors.ts';
import { readAll } from '../lib/read-all.ts';
import { parseJson } from '../lib/json-positions.ts';
import { bodyErrors } from '../proxy/authorized-forward.ts';

const JSON_TYPES = /^(application\/json|application\/vnd\.elasticsearch\+json|application\/x-ndjson|application\/vnd\.elasticsearch\+x-ndjson)\b/i;

/**
 * Reads and parses a JSON body for an endpoint the gateway serves. A body over `limit` is a 413, a body
 * with a media type other than JSON is a 406 (as ES), and malformed JSON is a 400 — never a 500. The read
 * deadline is not here: the server's `requestTimeout` (`portcullis.http.request_timeout`) bounds every body
 * read in one place — this one, the forwarder's, and bodies streamed upstream unread — with a 408 and a close.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readAll(req, limit, bodyErrors(limit));
  if (body.length === 0) return undefined;
  const type = req.headers['content-type'];
  if (type !== undefined && !JSON_TYPES.test(type)) {
    throw new EsError('unsupported_media_type', `Content-Type header [${type}] is not supported`, { status: 406 });
  }
  const text = body.toString('utf8');
  try {
    return parseJson(text);
  } catch (e) {
    // Node's message quotes the input, which may hold a password: only the position is reported.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new EsError('x_content_parse', `Failed to parse request body: malformed JSON${at === undefined ? '' : ` at position ${at}`}`);
  }
}
