import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Settings } from './config/load.ts';
import type { Clock } from './core/clock.ts';
import type { Realm } from './authc/realm.ts';
import type { FileRolesSource } from './authz/roles/file-roles.ts';
import type { FaceServices } from './api/services.ts';
import type { Upstream } from './proxy/upstream.ts';
import { REALM_TYPES } from './authc/realms/registry.ts';
import { upstreamJsonGet, upstreamMainSource } from './proxy/upstream-main.ts';

export interface FaceDeps {
  readonly upstream: Upstream;
  readonly clock: Clock;
  readonly realms: readonly Realm[];
  readonly node: { readonly id: string };
  readonly dataPath: string;
  readonly tokensEnabled: boolean;
  readonly fileRoles: FileRolesSource;
}

/** The Elasticsearch face's services (docs/es-face.md), built from the settings and the gateway's parts. */
export function faceServices(settings: Settings, d: FaceDeps): FaceServices {
  const internal = (method: string, path: string) => d.upstream.internal(method, path);
  return {
    version: settings.get<string>('portcullis.elasticsearch.version'),
    upstreamMain: upstreamMainSource(internal, d.clock),
    upstreamGet: upstreamJsonGet(internal),
    security: {
      realms: d.realms
        .filter((r) => r.type !== 'reserved')
        .map((r) => ({ type: r.type, name: r.name, order: r.order, usageStats: () => r.usageStats?.() ?? Promise.resolve({}) })),
      realmTypes: Object.keys(REALM_TYPES),
      tokenService: d.tokensEnabled,
      apiKeyService: settings.get<boolean>('xpack.security.authc.api_key.enabled'),
      audit: { enabled: settings.get<boolean>('xpack.security.audit.enabled'), outputs: settings.get<string[]>('xpack.security.audit.outputs') },
      anonymous: settings.get<string[]>('xpack.security.authc.anonymous.roles').length > 0,
      httpSsl: settings.get<boolean>('xpack.security.http.ssl.enabled'),
      fileRoles: () => d.fileRoles.names().flatMap((n) => d.fileRoles.get(n) ?? []),
    },
    license: { uid: licenseUid(d.node.id), issueDateMillis: issueDate(d.dataPath, d.clock) },
  };
}

/** A stable licence uid in UUID form, derived from the node id (itself derived from the data path). */
function licenseUid(nodeId: string): string {
  const h = createHash('sha256').update(`portcullis-license:${nodeId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** When the data directory was made: the gateway's licence is "issued" with its data. */
function issueDate(dataPath: string, clock: Clock): number {
  try {
    const s = statSync(dataPath);
    return Math.trunc(s.birthtimeMs > 0 ? s.birthtimeMs : s.ctimeMs);
  } catch {
    return clock.now();
  }
}
