/**
 * Reads the official clients' type definitions (`@elastic/elasticsearch` `lib/api/types.d.ts`,
 * `@opensearch-project/opensearch` `api/_types/*.d.ts`) so that the DSL table can be checked against them
 * (dsl-table.test.ts). Test support only: a small reader of the declaration style those files use.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Member {
  readonly name: string;
  readonly type: string;
}

/** All declarations of a set of .d.ts files, by name. */
export interface Declarations {
  /** The members of an interface or object type, with those of the types it extends or intersects. */
  members(name: string): Member[];
  /** A type alias's text (`type X = …;`). */
  alias(name: string): string | undefined;
}

export function readDeclarations(files: readonly string[]): Declarations {
  const bodies = new Map<string, { head: string; body: string | null; alias: string | null }>();
  for (const file of files) collect(fs.readFileSync(file, 'utf8'), bodies);
  const members = (name: string, seen = new Set<string>()): Member[] => {
    const bare = name.replace(/^.*\./, '').trim();
    const d = bodies.get(bare);
    if (!d || seen.has(bare)) return [];
    seen.add(bare);
    const out = d.body === null ? [] : membersOf(d.body);
    for (const parent of d.head.match(/[A-Z][A-Za-z0-9_.]*/g) ?? []) out.push(...members(parent, seen));
    return out;
  };
  return { members: (n) => members(n), alias: (n) => bodies.get(n)?.alias ?? undefined };
}

/** `ES` and `OS` declaration files. */
export function clientFiles(root: string): { es: string[]; os: string[] } {
  const osDir = path.join(root, 'node_modules/@opensearch-project/opensearch/api/_types');
  return {
    es: [path.join(root, 'node_modules/@elastic/elasticsearch/lib/api/types.d.ts')],
    os: fs.readdirSync(osDir).filter((f) => f.endsWith('.d.ts')).map((f) => path.join(osDir, f)),
  };
}

function collect(src: string, out: Map<string, { head: string; body: string | null; alias: string | null }>): void {
  const re = /^(?:export )?(interface|type) ([A-Za-z0-9_]+)(?:<[^>]*>)?([^\n{=]*)(=?)\s*/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const [, kind, name, extendsText, eq] = m;
    let i = m.index + m[0].length;
    let head = extendsText;
    let alias: string | null = null;
    if (kind === 'type' && eq === '=') {
      // `type X = A & B & { … }` or a plain alias
      const next = src.slice(i).search(/\n(?:\n|export |interface |type |declare )/);
      const rest = src.slice(i, next === -1 ? undefined : i + next);
      const brace = rest.indexOf('{');
      if (brace === -1 || /[;]/.test(rest.slice(0, brace))) {
        out.set(name, { head: '', body: null, alias: rest.slice(0, rest.indexOf(';') === -1 ? undefined : rest.indexOf(';')) });
        continue;
      }
      head = rest.slice(0, brace);
      alias = rest;
      i += brace;
    }
    if (src[i] !== '{') continue;
    const end = matching(src, i);
    out.set(name, { head, body: src.slice(i + 1, end), alias });
  }
}

function matching(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '{') depth++;
    else if (src[j] === '}' && --depth === 0) return j;
  }
  return src.length;
}

function membersOf(body: string): Member[] {
  const out: Member[] = [];
  let depth = 0;
  for (const raw of body.replace(/\/\*[\s\S]*?\*\//g, '').split('\n')) {
    const line = raw.trim();
    const m = depth === 0 ? /^'?([A-Za-z_@][A-Za-z0-9_.@]*)'?\??:\s*(.*)$/.exec(line) : null;
    if (m) out.push({ name: m[1], type: m[2] });
    for (const c of line) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
  }
  return out;
}
