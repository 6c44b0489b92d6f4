import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { resolveClusterPrivilege, unknownClusterPrivilegeMessage } from '../privileges/cluster-privileges.ts';
import { resolveIndexPrivilege, unknownIndexPrivilegeMessage } from '../privileges/index-privileges.ts';
import { validateApplicationName, validatePrivilegeOrActionName } from '../privileges/application-names.ts';
import { MAX_ROLE_DESCRIPTION_LENGTH } from './role-names.ts';
import { patternProblems } from './pattern-limits.ts';

/** ES's `RoleDescriptorRequestValidator`: the problems of a parsed descriptor, in ES's order (empty when valid). */
export function validateRoleDescriptor(d: RoleDescriptor): string[] {
  const problems: string[] = [];
  for (const p of d.cluster ?? []) {
    if (!resolveClusterPrivilege(p)) problems.push(unknownClusterPrivilegeMessage(p));
  }
  for (const group of d.indices ?? []) {
    const unknown = group.privileges.find((p) => !resolveIndexPrivilege(p));
    if (unknown !== undefined) problems.push(unknownIndexPrivilegeMessage(unknown));
  }
  for (const r of (d.remote_indices ?? []) as { clusters?: string[]; privileges: string[] }[]) {
    if (r.clusters?.includes('')) problems.push('remote index cluster alias cannot be an empty string');
    const unknown = r.privileges.find((p) => !resolveIndexPrivilege(p));
    if (unknown !== undefined) problems.push(unknownIndexPrivilegeMessage(unknown));
  }
  for (const r of (d.remote_cluster ?? []) as { privileges: string[]; clusters: string[] }[]) {
    const bad = r.privileges.find((p) => !REMOTE_CLUSTER_PRIVILEGES.includes(p));
    if (bad !== undefined) {
      problems.push(`Invalid remote_cluster permissions found. Please remove the following: [${bad}] Only [${REMOTE_CLUSTER_PRIVILEGES.join(', ')}] are allowed`);
    }
  }
  for (const app of d.applications ?? []) {
    const e = validateApplicationName(app.application, true);
    if (e) problems.push(e);
    for (const p of app.privileges) {
      const pe = validatePrivilegeOrActionName(p);
      if (pe) problems.push(pe);
    }
  }
  if (d.metadata && Object.keys(d.metadata).some((k) => k.startsWith('_'))) problems.push('role descriptor metadata keys may not start with [_]');
  if (d.description !== undefined && d.description.length > MAX_ROLE_DESCRIPTION_LENGTH) {
    problems.push(`Role description must be less than ${MAX_ROLE_DESCRIPTION_LENGTH} characters.`);
  }
  // Not in ES (it accepts any pattern and fails when the role is used): bounded, linear-time patterns only.
  problems.push(...patternProblems(d));
  return problems;
}

/** The privileges ES allows under `remote_cluster`. */
export const REMOTE_CLUSTER_PRIVILEGES: readonly string[] = ['monitor_enrich', 'monitor_stats'];
