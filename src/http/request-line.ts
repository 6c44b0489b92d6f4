/**
 * The request line the gateway accepts, checked before anything else: Elasticsearch's methods (no TRACE, no
 * CONNECT, nothing WebDAV), an origin-form target (`/path?query`: no absolute-form `http://host/...`, no `*`,
 * no fragment) and `http.max_initial_line_length`.
 */
import { EsError } from '../core/errors.ts';

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
const HTTP_VERSION_LENGTH = ' HTTP/1.1'.length;

export function checkRequestLine(method: string, target: string, maxInitialLineLength: number): void {
  if (method.length + 1 + target.length + HTTP_VERSION_LENGTH > maxInitialLineLength) {
    throw new EsError('bad_request', `An HTTP line is larger than ${maxInitialLineLength} bytes.`, { type: 'too_long_http_line_exception' });
  }
  if (!METHODS.has(method)) {
    throw new EsError('method_not_allowed', `Incorrect HTTP method for uri [${target.charCodeAt(0) === 0x2f ? target : '*'}] and method [${method}], allowed: [${[...METHODS].join(', ')}]`);
  }
  // The target itself is not echoed: an absolute-form target may carry user:password@.
  if (target.charCodeAt(0) !== 0x2f /* / */) {
    throw new EsError('bad_request', 'invalid request target: only origin-form targets (a path starting with "/") are accepted');
  }
  if (target.includes('#')) throw new EsError('bad_request', 'invalid request target: a fragment ("#") is not accepted');
}
