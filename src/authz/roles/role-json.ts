import type { RoleDescriptor } from '../../core/role-descriptor.ts';

/** A role descriptor as ES's get role API writes it (RoleDescriptor#toXContent). */
export function roleToJson(d: RoleDescriptor): Record<string, unknown> {
  const out: Record<string, unknown> = { cluster: d.cluster ?? [] };
  if (d.global && Object.keys(d.global).length) out.global = d.global;
  out.indices = (d.indices ?? []).map((ip) => {
    const g: Record<string, unknown> = { names: ip.names, privileges: ip.privileges };
    if (ip.field_security) g.field_security = ip.field_security;
    if (ip.query !== undefined) g.query = typeof ip.query === 'string' ? ip.query : JSON.stringify(ip.query);
    g.allow_restricted_indices = ip.allow_restricted_indices ?? false;
    return g;
  });
  out.applications = d.applications ?? [];
  out.run_as = d.run_as ?? [];
  out.metadata = d.metadata ?? {};
  out.transient_metadata = { enabled: true };
  if (d.remote_indices?.length) out.remote_indices = d.remote_indices;
  if (d.remote_cluster?.length) out.remote_cluster = d.remote_cluster;
  if (d.restriction) out.restriction = d.restriction;
  if (d.description !== undefined) out.description = d.description;
  return out;
}
