import { compilePatterns, type Predicate } from '../authz/privileges/patterns.ts';

/** The fields of an event that ignore policies look at; a missing one is the empty string (or `['']`). */
export interface FilterInfo {
  readonly user: string;
  readonly realm: string;
  readonly action: string;
  readonly roles: readonly string[];
  readonly indices: readonly string[];
}

/** One `xpack.security.audit.logfile.events.ignore_filters.<policy>` group; an unset field is `['*']`. */
export interface IgnorePolicy {
  readonly users?: readonly string[];
  readonly realms?: readonly string[];
  readonly actions?: readonly string[];
  readonly roles?: readonly string[];
  readonly indices?: readonly string[];
}

export const IGNORE_POLICY_FIELDS = ['users', 'realms', 'roles', 'indices', 'actions'] as const;

/**
 * ES's ignore policies: within a policy every field must match (roles and indices: each value must), and an
 * event is dropped when any policy matches. Patterns are ES's wildcards (`*`, `?`, `/regex/`); the empty
 * string matches a missing field, so `users: ["", "elastic"]` also drops events without a user.
 */
export function compileIgnorePolicies(policies: Readonly<Record<string, IgnorePolicy>>): (info: FilterInfo) => boolean {
  const compiled = Object.values(policies).map(compilePolicy);
  if (compiled.length === 0) return () => false;
  return (info) => compiled.some((matches) => matches(info));
}

function compilePolicy(p: IgnorePolicy): (info: FilterInfo) => boolean {
  const user = field(p.users);
  const realm = field(p.realms);
  const action = field(p.actions);
  const role = field(p.roles);
  const index = field(p.indices);
  return (i) =>
    user(i.user) &&
    realm(i.realm) &&
    action(i.action) &&
    nonEmpty(i.roles).every((r) => role(r)) &&
    nonEmpty(i.indices).every((x) => index(x));
}

function field(patterns: readonly string[] | undefined): Predicate {
  const list = patterns ?? ['*'];
  // As in ES: the empty string (or an empty list) becomes a pattern that matches exactly the empty string.
  return compilePatterns(list.length === 0 ? ['//'] : list.map((p) => (p === '' ? '//' : p)));
}

const nonEmpty = (values: readonly string[]) => (values.length === 0 ? [''] : values);

/** The filter view of an event about a request nobody was authenticated for (only the action may be known). */
export const EMPTY_FILTER_INFO: FilterInfo = { user: '', realm: '', action: '', roles: [''], indices: [''] };
