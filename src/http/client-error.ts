/**
 * What the edge answers when Node's HTTP parser or its deadlines give up on a connection (the server's
 * `clientError`): a deadline is ES's shape of a 408, a malformed request (bad chunking, a bad
 * content-length, a header over `http.max_header_size`) a 400 — and in every case the connection is
 * closed. These are the client's mistakes, not the gateway's: logged at debug, never with a stack trace.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { EsError } from '../core/errors.ts';
import { errorBody } from './respond.ts';

/** The error to answer for a parser or deadline failure; null when there is no one to answer (a reset). */
export function clientErrorAnswer(err: NodeJS.ErrnoException & { reason?: unknown }, phase: 'head' | 'body', maxHeaderSize: number): EsError | null {
  const code = err.code ?? '';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const what = phase === 'head' ? 'the request headers were' : 'the request body was';
    return new EsError('request_timeout', `${what} not received in time; the connection is closed`);
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new EsError('bad_request', `HTTP header is larger than ${maxHeaderSize} bytes.`, { type: 'too_long_http_header_exception' });
  }
  if (code.startsWith('HPE_')) {
    // llhttp's reason is a fixed phrase ("Invalid character in chunk size"); the offending bytes are not quoted.
    const reason = typeof err.reason === 'string' && err.reason !== '' ? err.reason : 'malformed request';
    return new EsError('bad_request', `the request is not valid HTTP/1.1: ${reason}`);
  }
  return null;
}

/** Writes `error` as a complete HTTP/1.1 response straight to the socket, then closes it. */
export function answerAndClose(socket: Duplex, error: EsError): void {
  const payload = Buffer.from(JSON.stringify(errorBody(error)), 'utf8');
  const head =
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
    'X-elastic-product: Elasticsearch\r\n' +
    'content-type: application/json\r\n' +
    `content-length: ${payload.length}\r\n` +
    'connection: close\r\n\r\n';
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
  // A client that does not read its answer must not hold the socket: it goes after a short grace period.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
