import type { ApiKeyRecord } from '../../store/security-store.ts';
import type { RoleDescriptors } from '../../core/role-descriptor.ts';

/** Role descriptors as ES writes them in API key responses: `transient_metadata` always present. */
function rendered(d: RoleDescriptors): RoleDescriptors {
  return Object.fromEntries(Object.entries(d).map(([n, r]) => [n, { ...r, transient_metadata: r.transient_metadata ?? { enabled: true } }]));
}

/** An API key as the get and query APIs show it (never the secret or its hash). */
export function apiKeyToJson(k: ApiKeyRecord, withLimitedBy: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: k.id, name: k.name, type: k.type, creation: k.creation };
  if (k.expiration !== null) out.expiration = k.expiration;
  out.invalidated = k.invalidated;
  if (k.invalidation !== null) out.invalidation = k.invalidation;
  out.username = k.username;
  out.realm = k.realm;
  out.realm_type = k.realmType;
  out.metadata = k.metadata;
  out.role_descriptors = rendered(k.roleDescriptors);
  if (withLimitedBy) out.limited_by = [rendered(k.limitedBy)];
  return out;
}
