/**
 * `catch:` of a `do` step: the named ones expect one status code, `request` any other error
 * status, and `/regex/` an error status whose `error` (as the Java runner prints it) matches.
 */
import type { ApiResponse } from './client-call.ts';
import { javaRegex, regexBody } from './regex.ts';
import { compact, isMap, javaToString } from './values.ts';

export const CATCH_STATUS: Readonly<Record<string, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  missing: 404,
  request_timeout: 408,
  conflict: 409,
  gone: 410,
  unavailable: 503,
};

/** Statuses that `catch: request` does not accept because they have a name of their own. */
const NAMED = new Set([400, 401, 403, 404, 408, 409, 410]);

/** Null when the response is what `catch` expects, else the reason. `isError`: the client saw an error status. */
export function catchFailure(api: string, catchValue: string, response: ApiResponse, isError: boolean): string | null {
  const status = response.status;
  const named = CATCH_STATUS[catchValue];
  const re = regexBody(catchValue);
  const expected = named !== undefined ? String(named) : catchValue === 'request' || re !== null ? '4xx|5xx' : null;
  if (expected === null) return `catch value [${catchValue}] not supported`;
  const wrong = `expected [${expected}] status code but api [${api}] returned [${status}]`;
  if (!isError) return wrong;
  if (named !== undefined) return status === named ? null : wrong;
  if (catchValue === 'request') return status >= 400 && !NAMED.has(status) ? null : wrong;
  if (status < 400) return wrong;
  const error = isMap(response.body) ? response.body.error : undefined;
  if (error === undefined || error === null) return `error was expected in the response: ${compact(response.body, 300)}`;
  let pattern: RegExp;
  try {
    pattern = javaRegex(re!, false);
  } catch (e) {
    return `cannot compile catch regex [${re}]: ${(e as Error).message}`;
  }
  const text = javaToString(error);
  return pattern.test(text) ? null : `the error message was expected to match /${re}/ but didn't: ${compact(text, 400)}`;
}
