import type { ActionContext } from '../../../authz/authorizer.ts';
import type { RoleDescriptor } from '../../../core/role-descriptor.ts';
import type { SecurityFeatures, Services } from '../../services.ts';
import { ok, type Handler, type HandlerContext } from '../../types.ts';
import { USAGE_FEATURES, upstreamFeatures } from './features.ts';
import { checkParams } from './query.ts';

/** The realm types ES 9.1.5 reports in the security usage, each `available` when its licence allows it. */
const ES_REALM_TYPES = ['active_directory', 'file', 'jwt', 'kerberos', 'ldap', 'native', 'oidc', 'pki', 'saml'] as const;

export const xpackUsageContext = async (ctx: HandlerContext): Promise<ActionContext> => {
  checkParams('/_xpack/usage', ctx.query, ['master_timeout']);
  return {};
};

/**
 * GET /_xpack/usage (`cluster:monitor/xpack/usage`, the `monitor` privilege): security as the gateway
 * provides it (the fields ES 9.1.5 writes; `domains`, `user_profile` and `remote_cluster_server`, which ES
 * writes only when configured, are left out), the other features as the upstream reports them.
 */
export const xpackUsage: Handler = async ({ services }) => {
  const usage = await upstreamFeatures(services.face, USAGE_FEATURES, '/_xpack/usage', (b) => b);
  usage.security = await securityUsage(services);
  return ok(Object.fromEntries(Object.entries(usage).sort(([a], [b]) => (a < b ? -1 : 1))));
};

async function securityUsage(services: Services): Promise<Record<string, unknown>> {
  const f = services.face.security;
  const native = await services.authz.roles.nativeRoles();
  return {
    available: true,
    enabled: true,
    realms: await realmsUsage(f),
    roles: { native: rolesUsage(native.map((r) => r.descriptor)), file: rolesUsage(f.fileRoles()), dls: { bit_set_cache: EMPTY_BITSET_CACHE } },
    role_mapping: { native: { size: 0, enabled: 0 } },
    ssl: { http: { enabled: f.httpSsl }, transport: { enabled: false } },
    token_service: { enabled: f.tokenService },
    api_key_service: { enabled: f.apiKeyService },
    audit: f.audit.enabled ? { enabled: true, outputs: [...f.audit.outputs] } : { enabled: false },
    ipfilter: { http: false, transport: false },
    anonymous: { enabled: f.anonymous },
    fips_140: { enabled: false },
    operator_privileges: { available: false, enabled: false },
  };
}

/**
 * Per realm type: `available` (the gateway implements it) and `enabled`; for a type with realms, each of its
 * realms' stats as lists, as ES combines them: `name`, `order` and the realm's own (`cache`, `size`).
 */
export async function realmsUsage(f: SecurityFeatures): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const type of ES_REALM_TYPES) {
    const realms = f.realms.filter((r) => r.type === type);
    const available = f.realmTypes.includes(type);
    if (realms.length === 0) {
      out[type] = { available, enabled: false };
      continue;
    }
    const lists: Record<string, unknown[]> = {};
    for (const r of realms) {
      for (const [k, v] of Object.entries({ name: r.name, order: javaInt(r.order), ...(await r.usageStats()) })) (lists[k] ??= []).push(v);
    }
    out[type] = { available, enabled: true, ...lists };
  }
  return out;
}

/** ES's document-level security bitset cache stats: the gateway keeps none (it does not enforce DLS). */
const EMPTY_BITSET_CACHE = { count: 0, memory: '0b', memory_in_bytes: 0 } as const;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * A realm order as ES (a Java int) writes it: the gateway puts its default realms before every configured one
 * with orders below any int (from Number.MIN_SAFE_INTEGER up); ES puts them at Integer.MIN_VALUE and up.
 */
export function javaInt(order: number): number {
  if (order < INT_MIN) return Math.min(INT_MIN + (order - Number.MIN_SAFE_INTEGER), INT_MIN + 1000);
  return Math.min(order, INT_MAX);
}

/** ES's roles store usage: how many roles, and whether any uses field- or document-level security. */
export function rolesUsage(descriptors: readonly RoleDescriptor[]): { size: number; fls: boolean; dls: boolean } {
  const groups = descriptors.flatMap((d) => d.indices ?? []);
  return {
    size: descriptors.length,
    fls: groups.some((g) => g.field_security !== undefined),
    dls: groups.some((g) => g.query !== undefined),
  };
}
