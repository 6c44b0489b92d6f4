import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { makeUser, type User } from '../../core/user.ts';
import { SERVICE_ACCOUNT_DESCRIPTORS } from './service-account-descriptors.ts';

/**
 * Elasticsearch's built-in service accounts and their role descriptors, exactly as ES 9.1.5 defines them
 * (service-account-descriptors.ts). Their `remote_indices` / `remote_cluster` grant nothing locally.
 */
export const SERVICE_ACCOUNTS: Readonly<Record<string, RoleDescriptor>> = SERVICE_ACCOUNT_DESCRIPTORS;

export function isServiceAccount(principal: string): boolean {
  return Object.hasOwn(SERVICE_ACCOUNTS, principal);
}

/** The user a service account authenticates as (ES: no roles of its own, a fixed full name and metadata). */
export function serviceAccountUser(principal: string): User {
  return makeUser(principal, { roles: [], fullName: `Service account - ${principal}`, metadata: { _elastic_service_account: true } });
}
