import { validateName } from '../../authc/users/validation.ts';
import { isReservedRole } from './reserved-roles.ts';

/** ES's `Validation.Roles.MAX_NAME_LENGTH` (parsing) and the native roles store's limit. */
export const MAX_ROLE_NAME_LENGTH = 1024;
export const MAX_NATIVE_ROLE_NAME_LENGTH = 507;
export const MAX_ROLE_DESCRIPTION_LENGTH = 1000;

/** The name format check ES runs while parsing a role descriptor (reserved names allowed). */
export function roleNameFormatError(name: string): string | null {
  return validateName('Role', name, MAX_ROLE_NAME_LENGTH);
}

/** The checks of the roles API on a role name: the native store's format, then not a built-in role. */
export function nativeRoleNameError(name: string): string | null {
  return validateName('Role', name, MAX_NATIVE_ROLE_NAME_LENGTH) ?? (isReservedRole(name) ? `Role [${name}] is reserved and may not be used.` : null);
}
