import type { RoleDescriptor, RoleDescriptors } from '../core/role-descriptor.ts';
import type { SecurityStore } from '../store/security-store.ts';

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

/** The one built-in role the interim authorizer knows; the authorization issue brings the rest. */
const SUPERUSER: RoleDescriptor = {
  cluster: ['all'],
  indices: [{ names: ['*'], privileges: ['all'], allow_restricted_indices: true }],
  applications: [{ application: '*', privileges: ['*'], resources: ['*'] }],
  run_as: ['*'],
  metadata: { _reserved: true },
};

export class StoreRoleResolver implements RoleResolver {
  readonly #store: SecurityStore;
  constructor(store: SecurityStore) {
    this.#store = store;
  }
  async resolve(names: readonly string[]): Promise<ResolvedRoles> {
    const descriptors: Record<string, RoleDescriptor> = {};
    const missing: string[] = [];
    for (const name of new Set(names)) {
      if (name === 'superuser') descriptors[name] = SUPERUSER;
      else {
        const r = await this.#store.getRole(name);
        if (r) descriptors[name] = r.descriptor;
        else missing.push(name);
      }
    }
    return { descriptors, missing };
  }
}
