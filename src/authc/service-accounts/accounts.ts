import type { RoleDescriptor } from '../../core/role-descriptor.ts';
import { makeUser, type User } from '../../core/user.ts';

/**
 * Elasticsearch's built-in service accounts and their role descriptors. `elastic/fleet-server` and
 * `elastic/kibana` (ES's kibana_system descriptor) follow ES; `fleet-server-remote` and `auto-ops` are
 * modelled on ES's newer accounts (see docs/service-accounts.md).
 */
const FLEET_DATA_STREAMS = ['logs-*', 'metrics-*', 'traces-*', '.logs-endpoint.diagnostic.collection-*', '.logs-endpoint.action.responses-*'];

export const SERVICE_ACCOUNTS: Readonly<Record<string, RoleDescriptor>> = {
  'elastic/fleet-server': {
    cluster: ['monitor', 'manage_own_api_key', 'read_fleet_secrets'],
    indices: [
      { names: FLEET_DATA_STREAMS, privileges: ['write', 'create_index', 'auto_configure'], allow_restricted_indices: false },
      { names: ['profiling-*'], privileges: ['read', 'write', 'auto_configure'], allow_restricted_indices: false },
      { names: ['traces-apm.sampled-*'], privileges: ['read', 'monitor', 'maintenance'], allow_restricted_indices: false },
      { names: ['.fleet-secrets*'], privileges: ['read'], allow_restricted_indices: true },
      { names: ['.fleet-*'], privileges: ['read', 'write', 'monitor', 'create_index', 'auto_configure', 'maintenance'], allow_restricted_indices: true },
      { names: ['synthetics-*'], privileges: ['read', 'write', 'create_index', 'auto_configure'], allow_restricted_indices: false },
    ],
    applications: [{ application: 'kibana-*', privileges: ['reserved_fleet-setup'], resources: ['*'] }],
    run_as: [],
    metadata: {},
    transient_metadata: { enabled: true },
  },
  'elastic/fleet-server-remote': {
    cluster: ['monitor', 'manage_own_api_key'],
    indices: [
      { names: FLEET_DATA_STREAMS, privileges: ['write', 'create_index', 'auto_configure'], allow_restricted_indices: false },
      { names: ['profiling-*'], privileges: ['read', 'write', 'auto_configure'], allow_restricted_indices: false },
      { names: ['traces-apm.sampled-*'], privileges: ['read', 'monitor', 'maintenance'], allow_restricted_indices: false },
      { names: ['synthetics-*'], privileges: ['read', 'write', 'create_index', 'auto_configure'], allow_restricted_indices: false },
    ],
    applications: [],
    run_as: [],
    metadata: {},
    transient_metadata: { enabled: true },
  },
  'elastic/kibana': {
    cluster: ['monitor', 'manage_index_templates', 'manage_ingest_pipelines', 'manage_ilm', 'manage_security', 'manage_api_key', 'manage_saml', 'manage_oidc', 'manage_token', 'manage_pipeline', 'manage_ml', 'manage_transform', 'monitor_ml', 'read_fleet_secrets', 'grant_api_key'],
    indices: [
      { names: ['.kibana*', '.reporting-*', '.apm-agent-configuration', '.apm-custom-link', '.apm-source-map', '.fleet-*', '.internal.alerts*', '.alerts*', '.preview.alerts*', '.lists*', '.items*'], privileges: ['all'], allow_restricted_indices: true },
      { names: ['.monitoring-*'], privileges: ['read', 'read_cross_cluster'], allow_restricted_indices: false },
      { names: ['logs-*', 'metrics-*', 'traces-*', 'synthetics-*'], privileges: ['read', 'view_index_metadata', 'monitor'], allow_restricted_indices: false },
    ],
    applications: [{ application: 'kibana-*', privileges: ['reserved_fleet-setup'], resources: ['*'] }],
    run_as: [],
    metadata: {},
    transient_metadata: { enabled: true },
  },
  'elastic/auto-ops': {
    cluster: ['monitor', 'read_ilm', 'read_slm'],
    indices: [{ names: ['*'], privileges: ['monitor', 'view_index_metadata'], allow_restricted_indices: true }],
    applications: [],
    run_as: [],
    metadata: {},
    transient_metadata: { enabled: true },
  },
};

export function isServiceAccount(principal: string): boolean {
  return Object.hasOwn(SERVICE_ACCOUNTS, principal);
}

/** The user a service account authenticates as (ES: no roles of its own, a fixed full name and metadata). */
export function serviceAccountUser(principal: string): User {
  return makeUser(principal, { roles: [], fullName: `Service account - ${principal}`, metadata: { _elastic_service_account: true } });
}
