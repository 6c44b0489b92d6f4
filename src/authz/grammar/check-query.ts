/**
 * Checks a request's query parameters against its API: every name must be accepted by the API (or be a
 * common parameter); a name that is also a path part of the API is refused (ES would read it as the path
 * part where the path leaves it out: `GET /_mtermvectors?index=secret`); a refused one says why.
 */
import { EsError } from '../../core/errors.ts';
import { COMMON_PARAMS, BODY_PARAMS, paramSpec, type ParamSpec } from './params.ts';
import { suggestions } from './check-body.ts';
import type { CompiledApi } from './registry.ts';

export function checkQuery(api: CompiledApi, path: string, query: ReadonlyMap<string, string>): void {
  const unknown: string[] = [];
  for (const name of query.keys()) {
    const spec = specOf(api, name);
    if (spec === undefined) {
      if (api.pathParts.has(name)) throw pathPart(path, name);
      unknown.push(name);
    } else if (typeof spec === 'object') {
      throw new EsError('illegal_argument', `request [${path}] contains the parameter [${name}], which the gateway does not forward: ${spec.refused}`);
    }
  }
  if (unknown.length > 0) throw unrecognized(api, path, unknown);
}

function specOf(api: CompiledApi, name: string): ParamSpec | undefined {
  if (Object.hasOwn(COMMON_PARAMS, name)) return COMMON_PARAMS[name];
  if (api.body !== undefined && Object.hasOwn(BODY_PARAMS, name)) return BODY_PARAMS[name];
  if (api.pathParts.has(name) && !(api.own && Object.hasOwn(api.own, name))) return undefined;
  return paramSpec(name, api.accepted, api.own);
}

function pathPart(path: string, name: string): EsError {
  return new EsError('illegal_argument', `request [${path}] contains the parameter [${name}], which names a part of the path: the gateway takes it from the path only`);
}

/** ES's text: `request [/_search] contains unrecognized parameters: [foo], [typed_keyz] -> did you mean [typed_keys]?` */
function unrecognized(api: CompiledApi, path: string, names: readonly string[]): EsError {
  const known = [...api.accepted, ...Object.keys(COMMON_PARAMS), ...(api.body !== undefined ? Object.keys(BODY_PARAMS) : [])];
  const parts = names.map((n) => {
    const hints = suggestions(n, known);
    if (hints.length === 0) return `[${n}]`;
    return hints.length === 1 ? `[${n}] -> did you mean [${hints[0]}]?` : `[${n}] -> did you mean any of [${hints.join(', ')}]?`;
  });
  return new EsError('illegal_argument', `request [${path}] contains unrecognized parameter${names.length > 1 ? 's' : ''}: ${parts.join(', ')}`);
}
