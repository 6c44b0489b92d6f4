import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { regexProblem } from '../privileges/patterns.ts';

/**
 * Bounds on the patterns of a role descriptor (roles API, API key `role_descriptors`), where ES has none.
 * Matching is linear in the name for a bounded pattern; these bounds keep "linear" small:
 *
 * - one pattern: at most 2,048 characters (ES's longest names: usernames 1,024, index names 255 bytes);
 * - one descriptor: at most 4,096 patterns in all (index names, remote index names and clusters, run_as,
 *   application resources, `global` application names, field security grants and exceptions);
 * - a `/regex/`: Lucene's syntax, translatable to RE2 (complement `~` and intersection `&` only on whole
 *   expressions or alternatives), counted repeats up to 1,000 and at most 10,000 states after expansion.
 *
 * A descriptor beyond them is refused with ES's validation 400 when it is created or updated.
 */
export const MAX_PATTERN_LENGTH = 2048;
export const MAX_PATTERNS_PER_DESCRIPTOR = 4096;

interface Lists {
  /** Patterns the gateway matches (regexes checked). */
  readonly matched: string[];
  /** Patterns it stores and forwards only (bounded, not compiled). */
  readonly other: string[];
}

/** The pattern problems of a descriptor, in ES's validation message style (empty when none). */
export function patternProblems(d: RoleDescriptor): string[] {
  const { matched, other } = patternsOf(d);
  const problems: string[] = [];
  const total = matched.length + other.length;
  if (total > MAX_PATTERNS_PER_DESCRIPTOR) {
    problems.push(`a role descriptor may hold at most ${MAX_PATTERNS_PER_DESCRIPTOR} name patterns, found [${total}]`);
  }
  for (const p of [...matched, ...other]) {
    if (p.length > MAX_PATTERN_LENGTH) problems.push(`pattern [${abbreviate(p)}] is ${p.length} characters long, the maximum is ${MAX_PATTERN_LENGTH}`);
  }
  if (problems.length) return problems;
  for (const p of new Set(matched)) {
    const problem = regexProblem(p);
    if (problem) problems.push(problem);
  }
  return problems;
}

function patternsOf(d: RoleDescriptor): Lists {
  const matched: string[] = [...(d.run_as ?? [])];
  const other: string[] = [...(d.cluster ?? [])];
  for (const g of d.indices ?? []) {
    matched.push(...g.names);
    other.push(...(g.field_security?.grant ?? []), ...(g.field_security?.except ?? []));
  }
  for (const r of (d.remote_indices ?? []) as { names?: unknown; clusters?: unknown }[]) other.push(...strings(r.names), ...strings(r.clusters));
  for (const r of (d.remote_cluster ?? []) as { clusters?: unknown }[]) other.push(...strings(r.clusters));
  for (const a of d.applications ?? []) {
    matched.push(...a.resources);
    other.push(a.application);
  }
  const manage = (d.global?.application as { manage?: { applications?: unknown } } | undefined)?.manage?.applications;
  matched.push(...strings(manage));
  return { matched, other };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function abbreviate(p: string): string {
  return p.length <= 64 ? p : `${p.slice(0, 64)}...`;
}
