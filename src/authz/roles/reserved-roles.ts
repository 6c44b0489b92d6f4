import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { BUILT_IN_ROLES } from './built-in-roles.ts';

/** Elasticsearch's built-in roles (ReservedRolesStore), by name. Their metadata carries `_reserved: true`. */
export const RESERVED_ROLES: Readonly<Record<string, RoleDescriptor>> = BUILT_IN_ROLES;

export function isReservedRole(name: string): boolean {
  return Object.hasOwn(RESERVED_ROLES, name);
}

export function reservedRole(name: string): RoleDescriptor | undefined {
  return Object.hasOwn(RESERVED_ROLES, name) ? RESERVED_ROLES[name] : undefined;
}
