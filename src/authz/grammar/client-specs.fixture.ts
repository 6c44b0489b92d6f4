/**
 * Test helper: the APIs the two official clients publish (name, paths, query parameters, body fields), read
 * from their generated sources in node_modules. Used by the coverage test of the grammar tables only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

export interface SpecApi {
  readonly name: string;
  readonly paths: readonly string[];
  readonly pathParts: readonly string[];
  readonly query: readonly string[];
  /** Body field names (ES: declared list; OpenSearch: unknown, [] with `hasBody`). */
  readonly body: readonly string[];
  readonly hasBody: boolean;
}

const ROOT = join(import.meta.dirname, '../../../node_modules');

/** Elasticsearch: `acceptedParams` objects and the `path =` templates before each API's `meta`. */
export function elasticsearchApis(): SpecApi[] {
  const dir = join(ROOT, '@elastic/elasticsearch/lib/api/api');
  const out: SpecApi[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const accepted = acceptedObject(text);
    const chunks = text.split(/const meta = \{\s*name: '/);
    const pathsByName = new Map<string, string[]>();
    for (let i = 1; i < chunks.length; i++) {
      const name = chunks[i].slice(0, chunks[i].indexOf("'"));
      const before = chunks[i - 1];
      const paths = [...before.matchAll(/path = (`[^`]*`|'[^']*')/g)].map((m) => m[1].slice(1, -1).replace(/\$\{encodeURIComponent\(params\.(\w+)\.toString\(\)\)\}/g, '{$1}'));
      pathsByName.set(name, paths);
    }
    for (const [name, p] of Object.entries(accepted)) {
      const a = p as { path: string[]; body: string[]; query: string[] };
      out.push({ name, paths: pathsByName.get(name) ?? [], pathParts: a.path, query: a.query, body: a.body, hasBody: a.body.length > 0 || /body/.test(name) });
    }
  }
  return out;
}

function acceptedObject(text: string): Record<string, unknown> {
  const m = /(?:const acceptedParams|this\[symbols_1\.kAcceptedParams\]) = \{/.exec(text);
  if (!m) return {};
  let depth = 0;
  let i = m.index + m[0].length - 1;
  const start = i;
  for (; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) break;
  }
  return runInNewContext('(' + text.slice(start, i + 1) + ')') as Record<string, unknown>;
}

/** OpenSearch: each generated API file's JSDoc (spec name, parameters) and path expression. */
export function openSearchApis(): SpecApi[] {
  const dir = join(ROOT, '@opensearch-project/opensearch/api');
  const out: SpecApi[] = [];
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    const name = /See Also: \{@link \S+ - ([\w.]+)\}/.exec(text)?.[1];
    if (!name) continue;
    const destructured = /let \{ ([^}]*)\.\.\.querystring \} = params/.exec(text)?.[1] ?? '';
    const parts = destructured.split(',').map((s) => s.trim()).filter((s) => s && s !== 'body');
    const params = [...text.matchAll(/@param \{[^}]*\} \[?params\.(\w+)/g)].map((m) => m[1]);
    const query = [...new Set(params.filter((p) => p !== 'body' && !parts.includes(p)))];
    const paths = [...text.matchAll(/\['', ([^\]]*)\]/g)].map((m) => '/' + m[1].split(',').map((s) => s.trim()).map((s) => (s.startsWith("'") ? s.slice(1, -1) : `{${s}}`)).join('/'));
    out.push({ name, paths, pathParts: parts, query, body: [], hasBody: params.includes('body') });
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f.startsWith('_types') ? [] : walk(p);
    return f.endsWith('.js') && f !== 'utils.js' && f !== 'OpenSearchApi.js' ? [p] : [];
  });
}
