import type { RoleDescriptors } from '../core/role-descriptor.ts';

export interface ResolvedRoles {
  /** The descriptors found, by role name. */
  readonly descriptors: RoleDescriptors;
  /** Role names that exist nowhere (ES keeps them out of the effective roles). */
  readonly missing: readonly string[];
}

/** Turns role names into descriptors: built-in roles, then file roles, then the store. */
export interface RoleResolver {
  resolve(names: readonly string[]): Promise<ResolvedRoles>;
}
