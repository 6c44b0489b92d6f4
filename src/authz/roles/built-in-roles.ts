import type { IndicesPrivileges, RoleDescriptor } from '../../core/role-descriptor.ts';

const RESERVED = { _reserved: true };
const deprecated = (reason: string) => ({ _reserved: true, _deprecated: true, _deprecated_reason: reason });

function idx(names: string | string[], privileges: string[], extra: Partial<IndicesPrivileges> = {}): IndicesPrivileges {
  return { names: Array.isArray(names) ? names : [names], privileges, allow_restricted_indices: false, ...extra };
}

function role(d: Partial<RoleDescriptor>, metadata: Record<string, unknown> = RESERVED): RoleDescriptor {
  return { cluster: [], indices: [], applications: [], run_as: [], metadata, ...d };
}

/** The built-in roles, as ES's ReservedRolesStore defines them (descriptions as ES's role docs summarize them). */
export const BUILT_IN_ROLES: Readonly<Record<string, RoleDescriptor>> = {
  superuser: role({
    cluster: ['all'],
    indices: [idx('*', ['all']), idx('*', ['monitor', 'read', 'view_index_metadata', 'read_cross_cluster'], { allow_restricted_indices: true })],
    applications: [{ application: '*', privileges: ['*'], resources: ['*'] }],
    run_as: ['*'],
  }),
};
void deprecated;
