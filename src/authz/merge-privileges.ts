import type { RoleDescriptor } from '../core/role-descriptor.ts';

/** Index privileges of several roles merged as ES merges them: one group per set of index names (and restricted flag). */
export interface MergedIndexGroup {
  readonly names: string[];
  readonly privileges: string[];
  readonly field_security?: { grant?: readonly string[]; except?: readonly string[] }[];
  readonly query?: string[];
  readonly allow_restricted_indices: boolean;
}

export interface MergedApplication {
  readonly application: string;
  readonly privileges: string[];
  readonly resources: string[];
}

const setKey = (values: readonly string[]) => [...new Set(values)].sort().join('\u0000');

export function mergeIndexGroups(descriptors: readonly RoleDescriptor[]): MergedIndexGroup[] {
  const groups = new Map<string, { names: string[]; privileges: Set<string>; fls: Map<string, { grant?: readonly string[]; except?: readonly string[] }>; queries: Set<string>; restricted: boolean }>();
  for (const d of descriptors) {
    for (const ip of d.indices ?? []) {
      const restricted = ip.allow_restricted_indices === true;
      const key = `${restricted}\u0001${setKey(ip.names)}`;
      let g = groups.get(key);
      if (!g) {
        g = { names: [...new Set(ip.names)], privileges: new Set(), fls: new Map(), queries: new Set(), restricted };
        groups.set(key, g);
      }
      for (const p of ip.privileges) g.privileges.add(p);
      if (ip.field_security) g.fls.set(JSON.stringify(ip.field_security), ip.field_security);
      if (ip.query !== undefined) g.queries.add(typeof ip.query === 'string' ? ip.query : JSON.stringify(ip.query));
    }
  }
  return [...groups.values()].map((g) => {
    const out: { -readonly [K in keyof MergedIndexGroup]: MergedIndexGroup[K] } = { names: g.names, privileges: [...g.privileges], allow_restricted_indices: g.restricted };
    if (g.fls.size) out.field_security = [...g.fls.values()].map((f) => ({ ...f }));
    if (g.queries.size) out.query = [...g.queries];
    return out;
  });
}

/** ES groups application privileges by (application, resources), then by (application, privileges), in order of appearance. */
export function mergeApplications(descriptors: readonly RoleDescriptor[]): MergedApplication[] {
  const byResources = new Map<string, { application: string; resources: string[]; privileges: Set<string> }>();
  for (const d of descriptors) {
    for (const a of d.applications ?? []) {
      const key = `${a.application}\u0001${setKey(a.resources)}`;
      let e = byResources.get(key);
      if (!e) {
        e = { application: a.application, resources: [...new Set(a.resources)], privileges: new Set() };
        byResources.set(key, e);
      }
      for (const p of a.privileges) e.privileges.add(p);
    }
  }
  const byPrivileges = new Map<string, { application: string; privileges: string[]; resources: Set<string> }>();
  for (const e of byResources.values()) {
    const privileges = [...e.privileges];
    const key = `${e.application}\u0001${setKey(privileges)}`;
    let m = byPrivileges.get(key);
    if (!m) {
      m = { application: e.application, privileges, resources: new Set() };
      byPrivileges.set(key, m);
    }
    for (const r of e.resources) m.resources.add(r);
  }
  return [...byPrivileges.values()].map((m) => ({ application: m.application, privileges: m.privileges, resources: [...m.resources] }));
}
