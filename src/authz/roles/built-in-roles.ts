import type { IndicesPrivileges, RoleDescriptor } from '../../core/role-descriptor.ts';

const RESERVED = { _reserved: true };
const deprecated = (reason: string) => ({ _reserved: true, _deprecated: true, _deprecated_reason: reason });

function idx(names: string | string[], privileges: string[], restricted = false): IndicesPrivileges {
  return { names: Array.isArray(names) ? names : [names], privileges, allow_restricted_indices: restricted };
}

function kibanaApp(privilege: string, application = 'kibana-*') {
  return [{ application, privileges: [privilege], resources: ['*'] }];
}

function role(d: Partial<RoleDescriptor>, metadata: Record<string, unknown> = RESERVED): RoleDescriptor {
  return { cluster: [], indices: [], applications: [], run_as: [], metadata, ...d };
}

const MONITORING_BULK = 'cluster:admin/xpack/monitoring/bulk';
const TRANSFORM_AUDIT = ['.transform-notifications-*', '.data-frame-notifications-*', '.transform-notifications-read'];
const ALERTS_LEGACY = '.siem-signals*';
const ALERTS_BACKING = '.internal.alerts*';
const ALERTS_ALIAS = '.alerts*';
const PREVIEW_ALERTS_ALIAS = '.preview.alerts*';
const PREVIEW_ALERTS_BACKING = '.internal.preview.alerts*';
const LISTS = '.lists-*';
const LIST_ITEMS = '.items-*';
const NOT_HIDDEN = '/~(([.]|ilm-history-).*)/';
const ALIASES = 'indices:admin/aliases';
const UPDATE_SETTINGS = 'indices:admin/settings/update';

const kibanaAdmin = (metadata: Record<string, unknown>) => role({ applications: kibanaApp('all', 'kibana-.kibana') }, metadata);
const transformRole = (cluster: string, applications: RoleDescriptor['applications'], metadata: Record<string, unknown>) =>
  role({ cluster: [cluster], indices: [idx(TRANSFORM_AUDIT, ['view_index_metadata', 'read'])], applications }, metadata);

const KIBANA_SYSTEM = role({
  cluster: [
    'monitor',
    'manage_index_templates',
    MONITORING_BULK,
    'manage_saml',
    'manage_token',
    'manage_oidc',
    'manage_pipeline',
    'manage_ilm',
    'manage_transform',
    'cluster:admin/xpack/security/api_key/invalidate',
    'grant_api_key',
    'manage_own_api_key',
    'cluster:admin/xpack/security/privilege/builtin/get',
    'delegate_pki',
    'cluster:admin/xpack/security/profile/get',
    'cluster:admin/xpack/security/profile/activate',
    'cluster:admin/xpack/security/profile/suggest',
    'cluster:admin/xpack/security/profile/has_privileges',
    'manage_ml',
    'cluster:admin/analyze',
    'monitor_text_structure',
    'cancel_task',
  ],
  indices: [
    idx(['.kibana*', '.reporting-*'], ['all'], true),
    idx('.monitoring-*', ['read', 'read_cross_cluster']),
    idx('.management-beats', ['create_index', 'read', 'write']),
    idx(['.ml-anomalies*', '.ml-stats-*'], ['read']),
    idx(['.ml-annotations*', '.ml-notifications*'], ['read', 'write']),
    idx('.apm-agent-configuration', ['all'], true),
    idx('.apm-custom-link', ['all'], true),
    idx('.apm-source-map', ['all'], true),
    idx('apm-*', ['read', 'read_cross_cluster']),
    idx('logs-apm.*', ['read', 'read_cross_cluster']),
    idx('metrics-apm.*', ['read', 'read_cross_cluster']),
    idx('traces-apm.*', ['read', 'read_cross_cluster']),
    idx('traces-apm-*', ['read', 'read_cross_cluster']),
    idx(['synthetics-http-*', 'synthetics-icmp-*', 'synthetics-tcp-*', 'synthetics-browser*'], ['auto_configure', 'read', 'write']),
    idx('*', ['view_index_metadata', 'monitor']),
    idx('.logs-endpoint.diagnostic.collection-*', ['read']),
    idx('.fleet-secrets*', ['write', 'delete', 'create_index'], true),
    idx('.fleet*', ['all'], true),
    idx('logs-elastic_agent*', ['read']),
    idx(ALERTS_LEGACY, ['all']),
    idx([LISTS, LIST_ITEMS], ['all']),
    idx(ALERTS_BACKING, ['all']),
    idx(ALERTS_ALIAS, ['all']),
    idx(PREVIEW_ALERTS_ALIAS, ['all']),
    idx(PREVIEW_ALERTS_BACKING, ['all']),
    idx('metrics-endpoint.policy-*', ['read']),
    idx('metrics-endpoint.metrics-*', ['read']),
    idx('logs-endpoint.events.*', ['read']),
    idx(
      [
        'logs-*',
        'synthetics-*',
        'traces-*',
        '/metrics-.*&~(metrics-endpoint\\.metadata_current_default.*)/',
        '.logs-endpoint.action.responses-*',
        '.logs-endpoint.diagnostic.collection-*',
        '.logs-endpoint.actions-*',
        '.logs-osquery_manager.actions-*',
        '.logs-osquery_manager.action.responses-*',
        'profiling-*',
      ],
      [UPDATE_SETTINGS, 'indices:admin/mapping/put', 'indices:admin/rollover'],
    ),
    idx('.logs-endpoint.action.responses-*', ['read']),
    idx('.logs-endpoint.actions-*', ['auto_configure', 'read', 'write']),
    idx('.logs-osquery_manager.action.responses-*', ['auto_configure', 'create_index', 'read', 'index', 'delete']),
    idx('.logs-osquery_manager.actions-*', ['auto_configure', 'create_index', 'read', 'index', 'write', 'delete']),
    idx(
      [
        '.logs-endpoint.diagnostic.collection-*',
        'logs-apm-*',
        'logs-apm.*-*',
        'metrics-apm-*',
        'metrics-apm.*-*',
        'traces-apm-*',
        'traces-apm.*-*',
        'synthetics-http-*',
        'synthetics-icmp-*',
        'synthetics-tcp-*',
        'synthetics-browser-*',
        'synthetics-browser.network-*',
        'synthetics-browser.screenshot-*',
      ],
      ['indices:admin/delete'],
    ),
    idx('metrics-endpoint.metadata*', ['read', 'view_index_metadata']),
    idx(
      ['metrics-endpoint.metadata_current_default*', '.metrics-endpoint.metadata_current_default*', '.metrics-endpoint.metadata_united_default*'],
      ['create_index', 'delete_index', 'read', 'index', ALIASES, UPDATE_SETTINGS],
    ),
    idx('logs-ti_*_latest.*', ['create_index', 'delete_index', 'read', 'index', 'delete', ALIASES, UPDATE_SETTINGS]),
    idx('logs-ti_*.*-*', ['indices:admin/delete', 'read', 'view_index_metadata']),
    idx('kibana_sample_data_*', ['create_index', 'delete_index', 'read', 'index', 'view_index_metadata', ALIASES, UPDATE_SETTINGS]),
    idx(['logs-cloud_security_posture.findings-*', 'logs-cloud_security_posture.vulnerabilities-*'], ['read', 'view_index_metadata']),
    idx(
      ['logs-cloud_security_posture.findings_latest-default*', 'logs-cloud_security_posture.scores-default*', 'logs-cloud_security_posture.vulnerabilities_latest-default*'],
      ['create_index', 'read', 'index', 'delete', ALIASES, UPDATE_SETTINGS],
    ),
    idx('risk-score.risk-*', ['all']),
    idx(['logs-cloud_defend.*', 'metrics-cloud_defend.*'], ['read', 'view_index_metadata']),
  ],
  global: { application: { manage: { applications: ['kibana-*'] } }, profile: { write: { applications: ['kibana*'] } } },
});

/** The built-in roles, as ES's ReservedRolesStore defines them. */
export const BUILT_IN_ROLES: Readonly<Record<string, RoleDescriptor>> = {
  superuser: role({
    cluster: ['all'],
    indices: [idx('*', ['all']), idx('*', ['monitor', 'read', 'view_index_metadata', 'read_cross_cluster'], true)],
    applications: [{ application: '*', privileges: ['*'], resources: ['*'] }],
    run_as: ['*'],
  }),
  transport_client: role({ cluster: ['transport_client'] }),
  kibana_admin: kibanaAdmin(RESERVED),
  kibana_user: kibanaAdmin(deprecated('Please use the [kibana_admin] role instead')),
  monitoring_user: role({
    cluster: ['cluster:monitor/main', 'cluster:monitor/xpack/info', 'cluster:monitor/remote/info'],
    indices: [
      idx('.monitoring-*', ['read', 'read_cross_cluster']),
      idx('/metrics-(beats|elasticsearch|enterprisesearch|kibana|logstash).*/', ['read', 'read_cross_cluster']),
      idx('metricbeat-*', ['read', 'read_cross_cluster']),
    ],
    applications: kibanaApp('reserved_monitoring'),
  }),
  remote_monitoring_agent: role({
    cluster: [
      'manage_index_templates',
      'manage_ingest_pipelines',
      'monitor',
      'cluster:admin/ilm/get',
      'cluster:admin/ilm/put',
      'cluster:monitor/xpack/watcher/watch/get',
      'cluster:admin/xpack/watcher/watch/put',
      'cluster:admin/xpack/watcher/watch/delete',
    ],
    indices: [idx('.monitoring-*', ['all']), idx('metricbeat-*', ['index', 'create_index', 'view_index_metadata', ALIASES, 'indices:admin/rollover'])],
  }),
  remote_monitoring_collector: role({
    cluster: ['monitor'],
    indices: [idx('*', ['monitor'], true), idx('.kibana*', ['read'], true)],
  }),
  ingest_admin: role({ cluster: ['manage_index_templates', 'manage_pipeline'] }),
  reporting_user: role({}, deprecated('Please use Kibana feature privileges instead')),
  kibana_system: KIBANA_SYSTEM,
  logstash_system: role({ cluster: ['monitor', MONITORING_BULK] }),
  beats_admin: role({ indices: [idx('.management-beats', ['all'])] }),
  beats_system: role({ cluster: ['monitor', MONITORING_BULK], indices: [idx('.monitoring-beats-*', ['create_index', 'create'])] }),
  apm_system: role({ cluster: ['monitor', MONITORING_BULK], indices: [idx('.monitoring-beats-*', ['create_index', 'create_doc'])] }),
  apm_user: role(
    {
      indices: ['apm-*', 'logs-apm.*', 'logs-apm-*', 'metrics-apm.*', 'metrics-apm-*', 'traces-apm.*', 'traces-apm-*', '.ml-anomalies*', 'observability-annotations'].map((n) =>
        idx(n, ['read', 'view_index_metadata']),
      ),
      applications: kibanaApp('reserved_ml_apm_user'),
    },
    deprecated('This role will be removed in a future major release. Please use editor and viewer roles instead'),
  ),
  machine_learning_user: role({
    cluster: ['monitor_ml'],
    indices: [idx(['.ml-anomalies*', '.ml-notifications*'], ['view_index_metadata', 'read']), idx('.ml-annotations*', ['view_index_metadata', 'read', 'write'])],
    applications: kibanaApp('reserved_ml_user'),
  }),
  machine_learning_admin: role({
    cluster: ['manage_ml'],
    indices: [
      idx(['.ml-anomalies*', '.ml-notifications*', '.ml-state*', '.ml-meta*', '.ml-stats-*'], ['view_index_metadata', 'read'], true),
      idx('.ml-annotations*', ['view_index_metadata', 'read', 'write']),
    ],
    applications: kibanaApp('reserved_ml_admin'),
  }),
  data_frame_transforms_admin: transformRole('manage_data_frame_transforms', kibanaApp('reserved_ml_user'), deprecated('Please use the [transform_admin] role instead')),
  data_frame_transforms_user: transformRole('monitor_data_frame_transforms', kibanaApp('reserved_ml_user'), deprecated('Please use the [transform_user] role instead')),
  transform_admin: transformRole('manage_transform', [], RESERVED),
  transform_user: transformRole('monitor_transform', [], RESERVED),
  watcher_admin: role({ cluster: ['manage_watcher'], indices: [idx(['.watches', '.triggered_watches', '.watcher-history-*'], ['read'], true)] }),
  watcher_user: role({ cluster: ['monitor_watcher'], indices: [idx('.watches', ['read'], true), idx('.watcher-history-*', ['read'])] }),
  logstash_admin: role({ cluster: ['manage_logstash_pipelines'], indices: [idx('.logstash*', ['create', 'delete', 'index', 'manage', 'read'], true)] }),
  rollup_user: role({ cluster: ['monitor_rollup'] }),
  rollup_admin: role({ cluster: ['manage_rollup'] }),
  snapshot_user: role({ cluster: ['create_snapshot', 'cluster:admin/repository/get'], indices: [idx('*', ['view_index_metadata'], true)] }),
  enrich_user: role({ cluster: ['manage_enrich', 'manage_ingest_pipelines', 'monitor'], indices: [idx('.enrich-*', ['manage', 'read', 'write'])] }),
  viewer: role({
    indices: [
      idx(NOT_HIDDEN, ['read', 'view_index_metadata']),
      idx([ALERTS_LEGACY, LISTS, LIST_ITEMS], ['read', 'view_index_metadata']),
      idx([ALERTS_ALIAS, PREVIEW_ALERTS_ALIAS], ['read', 'view_index_metadata']),
    ],
    applications: kibanaApp('read', 'kibana-.kibana'),
  }),
  editor: role({
    indices: [
      idx(NOT_HIDDEN, ['read', 'view_index_metadata']),
      idx('observability-annotations', ['read', 'view_index_metadata', 'write']),
      idx([ALERTS_LEGACY, LISTS, LIST_ITEMS], ['read', 'view_index_metadata', 'write', 'maintenance']),
      idx([ALERTS_BACKING, ALERTS_ALIAS, PREVIEW_ALERTS_BACKING, PREVIEW_ALERTS_ALIAS], ['read', 'view_index_metadata', 'write', 'maintenance']),
    ],
    applications: kibanaApp('all', 'kibana-.kibana'),
  }),
};
