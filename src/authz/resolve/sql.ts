/**
 * The indices a query language statement reads: ES SQL / OpenSearch SQL (`SELECT … FROM x`, `SHOW TABLES`,
 * `DESCRIBE x`), ES|QL (`FROM a,b | …`) and PPL (`source=x | …`). Only statements whose one source is
 * certain are resolved; joins, sub-queries, unions, enrich and lookups are refused (the statement's indices
 * cannot be read safely from outside the engine). The query text is not rewritten: a wildcard must match
 * only authorized names.
 */
import { STRICT_EXPAND_OPEN } from '../indices/options.ts';
import { type ResolveContext, isObject, indicesResolution, queryParams } from './context.ts';
import { indicesOptions } from '../indices/options.ts';
import type { Resolution } from './types.ts';

export const SQL_ACTION = 'indices:data/read/sql';
export const ESQL_ACTION = 'indices:data/read/esql';
export const PPL_ACTION = 'indices:data/read/ppl';

export type Dialect = 'sql' | 'esql' | 'ppl';

/** The source expression of a statement, or an error text. */
export function statementSource(query: string, dialect: Dialect): { source: string } | { error: string } {
  const text = stripLiterals(query);
  if (text === null) return { error: 'the statement has an unterminated literal or comment' };
  if (dialect === 'esql') {
    if (/\b(join|enrich|lookup)\b/i.test(text)) return { error: 'ES|QL statements with JOIN, ENRICH or LOOKUP are not supported by the gateway' };
    const m = /^\s*from\s+(.+?)(?:\s+metadata\b[^|]*)?\s*(?:\||$)/is.exec(query);
    if (!m) return /^\s*(row|show)\b/i.test(text) ? { source: '' } : { error: 'the ES|QL statement has no single FROM source' };
    return { source: identifierList(m[1]) };
  }
  if (dialect === 'ppl') {
    if (/\b(join|lookup|subsearch|append)\b/i.test(text) || /\[/.test(text)) return { error: 'PPL statements with joins, lookups or sub-searches are not supported by the gateway' };
    const m = /^\s*(?:search\s+)?source\s*=\s*([^|\s]+(?:\s*,\s*[^|\s]+)*)/i.exec(query);
    return m ? { source: identifierList(m[1]) } : { error: 'the PPL statement has no source' };
  }
  if (/\b(join|union|intersect|except|minus)\b/i.test(text) || /\(\s*select\b/i.test(text)) {
    return { error: 'SQL statements with joins, unions or sub-queries are not supported by the gateway' };
  }
  if (/^\s*show\s+tables\b/i.test(text)) return { source: '*' };
  if (/^\s*show\s+functions\b/i.test(text)) return { source: '' };
  const describe = /^\s*(?:describe|desc|show\s+columns\s+(?:from|in))\s+("[^"]*"|`[^`]*`|[^\s;]+)/i.exec(query);
  if (describe) return { source: unquote(describe[1]) };
  const froms = [...text.matchAll(/\bfrom\b/gi)];
  if (froms.length !== 1) return { error: 'the SQL statement must read from exactly one source' };
  const at = froms[0].index! + 4;
  const rest = query.slice(at);
  const m = /^\s+((?:"[^"]*"|`[^`]*`|[^\s;,()]+)(?:\s*,\s*(?:"[^"]*"|`[^`]*`|[^\s;,()]+))*)/.exec(rest);
  if (!m) return { error: 'the SQL statement has no source after FROM' };
  if (/^\s*[,(]/.test(rest.slice(m[0].length))) return { error: 'the SQL statement must read from exactly one source' };
  return { source: identifierList(m[1]) };
}

function identifierList(s: string): string {
  return s
    .split(',')
    .map((x) => unquote(x.trim()))
    .filter((x) => x !== '')
    .join(',');
}

function unquote(s: string): string {
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith('`') && s.endsWith('`'))) return s.slice(1, -1);
  return s;
}

/** The statement with string literals and comments blanked (null when one is unterminated). */
function stripLiterals(q: string): string | null {
  let out = '';
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === "'") {
      const end = q.indexOf("'", i + 1);
      if (end < 0) return null;
      out += "''";
      i = end + 1;
    } else if (c === '-' && q[i + 1] === '-') {
      const end = q.indexOf('\n', i);
      i = end < 0 ? q.length : end;
    } else if (c === '/' && q[i + 1] === '*') {
      const end = q.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function resolveQueryLanguage(ctx: ResolveContext, dialect: Dialect): Resolution {
  const action = dialect === 'sql' ? SQL_ACTION : dialect === 'esql' ? ESQL_ACTION : PPL_ACTION;
  const body = ctx.json;
  const cursor = isObject(body) && typeof body.cursor === 'string' ? body.cursor : undefined;
  const query = isObject(body) ? body.query : undefined;
  if (cursor !== undefined && query === undefined) return indicesResolution(action, [], { scrollIds: [cursor], capture: 'scroll' });
  if (typeof query !== 'string') return { kind: 'indices', action, targets: [], refusal: 'the statement could not be read: [query] is required' };
  const r = statementSource(query, dialect);
  if ('error' in r) return { kind: 'indices', action, targets: [], refusal: r.error };
  if (r.source === '') return indicesResolution(action, [], { anyIndex: action, capture: 'scroll' });
  const options = indicesOptions(queryParams(ctx), STRICT_EXPAND_OPEN);
  return indicesResolution(action, [{ expression: r.source, actions: [SEARCH_ACTION_FOR_SQL], options, wildcards: true, where: { in: 'fixed' } }], {
    anyIndex: action,
    capture: 'scroll',
  });
}

/** The query engines run searches as the caller: what the names must grant. */
const SEARCH_ACTION_FOR_SQL = 'indices:data/read/search';
