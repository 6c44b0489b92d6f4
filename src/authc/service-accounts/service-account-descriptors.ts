import type { RoleDescriptor } from '../../core/role-descriptor.ts';

/**
 * The role descriptors of Elasticsearch 9.1.5's built-in service accounts, field for field as its
 * `GET /_security/service` answers them (the reference node of tools/es-ref.sh). Data, not logic: regenerate
 * from that answer when the implemented Elasticsearch version changes. The `remote_indices` and `remote_cluster`
 * entries are kept for display; they grant nothing locally (the gateway has no remote clusters).
 */
export const SERVICE_ACCOUNT_DESCRIPTORS: Readonly<Record<string, RoleDescriptor>> = {
  "elastic/auto-ops": {
    "cluster": [
      "monitor",
      "read_ilm",
      "read_slm"
    ],
    "indices": [
      {
        "names": [
          "*"
        ],
        "privileges": [
          "monitor",
          "view_index_metadata"
        ],
        "allow_restricted_indices": true
      }
    ],
    "applications": [],
    "run_as": [],
    "metadata": {},
    "transient_metadata": {
      "enabled": true
    }
  },
  "elastic/fleet-server": {
    "cluster": [
      "monitor",
      "manage_own_api_key",
      "read_fleet_secrets",
      "cluster:admin/xpack/connector/*"
    ],
    "indices": [
      {
        "names": [
          "logs",
          "logs.*",
          "logs-*",
          "metrics-*",
          "traces-*",
          ".logs-endpoint.diagnostic.collection-*",
          ".logs-endpoint.action.responses-*",
          ".logs-endpoint.heartbeat-*"
        ],
        "privileges": [
          "write",
          "create_index",
          "auto_configure"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "profiling-*"
        ],
        "privileges": [
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "traces-apm.sampled-*"
        ],
        "privileges": [
          "read",
          "monitor",
          "maintenance"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".fleet-secrets*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-actions*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-agents*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-artifacts*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-enrollment-api-keys*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-policies*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-policies-leader*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-servers*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-fileds*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          "synthetics-*"
        ],
        "privileges": [
          "read",
          "write",
          "create_index",
          "auto_configure"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".elastic-connectors*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "content-*",
          ".search-acl-filter-*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "agentless-*"
        ],
        "privileges": [
          "read",
          "write",
          "monitor",
          "create_index",
          "auto_configure",
          "maintenance",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      }
    ],
    "applications": [
      {
        "application": "kibana-*",
        "privileges": [
          "reserved_fleet-setup"
        ],
        "resources": [
          "*"
        ]
      }
    ],
    "run_as": [],
    "metadata": {},
    "transient_metadata": {
      "enabled": true
    }
  },
  "elastic/fleet-server-remote": {
    "cluster": [
      "monitor",
      "manage_own_api_key"
    ],
    "indices": [
      {
        "names": [
          "logs-*",
          "metrics-*",
          "traces-*"
        ],
        "privileges": [
          "write",
          "create_index",
          "auto_configure"
        ],
        "allow_restricted_indices": false
      }
    ],
    "applications": [],
    "run_as": [],
    "metadata": {},
    "transient_metadata": {
      "enabled": true
    }
  },
  "elastic/kibana": {
    "cluster": [
      "monitor",
      "manage_index_templates",
      "manage_inference",
      "cluster:admin/xpack/monitoring/bulk",
      "manage_saml",
      "manage_token",
      "manage_oidc",
      "manage_enrich",
      "manage_pipeline",
      "manage_ilm",
      "monitor_connector",
      "manage_transform",
      "cluster:admin/xpack/security/api_key/invalidate",
      "grant_api_key",
      "manage_own_api_key",
      "cluster:admin/xpack/security/privilege/builtin/get",
      "delegate_pki",
      "cluster:admin/xpack/security/profile/get",
      "cluster:admin/xpack/security/profile/activate",
      "cluster:admin/xpack/security/profile/suggest",
      "cluster:admin/xpack/security/profile/has_privileges",
      "write_fleet_secrets",
      "manage_ml",
      "cluster:admin/analyze",
      "cluster:admin/script/put",
      "cluster:admin/script/get",
      "monitor_text_structure",
      "cancel_task"
    ],
    "global": {
      "application": {
        "manage": {
          "applications": [
            "kibana-*"
          ]
        }
      },
      "profile": {
        "write": {
          "applications": [
            "kibana*"
          ]
        }
      },
      "role": {}
    },
    "indices": [
      {
        "names": [
          ".kibana*",
          ".reporting-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".monitoring-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".management-beats"
        ],
        "privileges": [
          "create_index",
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".ml-anomalies*",
          ".ml-stats-*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".ml-annotations*",
          ".ml-notifications*"
        ],
        "privileges": [
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".reindexed-v8-ml-annotations*",
          ".reindexed-v8-ml-notifications*"
        ],
        "privileges": [
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".apm-agent-configuration"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".apm-custom-link"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".apm-source-map"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          "apm-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "traces-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "traces-apm-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-logstash.*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "*"
        ],
        "privileges": [
          "view_index_metadata",
          "monitor"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-endpoint.diagnostic.collection-*"
        ],
        "privileges": [
          "read",
          "create_index"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".fleet-secrets*"
        ],
        "privileges": [
          "write",
          "delete",
          "create_index"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-actions*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-agents*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-artifacts*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-enrollment-api-keys*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-policies*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-policies-leader*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-servers*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-fileds*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-file-data-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-files-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-filedelivery-data-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          ".fleet-filedelivery-meta-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": true
      },
      {
        "names": [
          "logs-elastic_agent.status_change-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-elastic_agent*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-fleet_server*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-fleet_server*"
        ],
        "privileges": [
          "read",
          "delete_index"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "fleet-synced-integrations",
          "fleet-synced-integrations-ccr*"
        ],
        "privileges": [
          "create_index",
          "manage",
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".siem-signals*",
          ".reindexed-v8-siem-signals*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".lists-*",
          ".items-*",
          ".reindexed-v8-lists-*",
          ".reindexed-v8-items-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".internal.alerts*",
          ".reindexed-v8-internal.alerts*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".alerts*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".internal.cases*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".cases*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".internal.adhoc.alerts*",
          ".adhoc.alerts*"
        ],
        "privileges": [
          "create_index",
          "read",
          "write",
          "view_index_metadata",
          "maintenance",
          "indices:admin/rollover",
          "indices:admin/aliases",
          "indices:admin/mapping/put",
          "indices:admin/mapping/auto_put",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".preview.alerts*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".internal.preview.alerts*",
          ".reindexed-v8-internal.preview.alerts*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-endpoint.policy-*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-endpoint.metrics-*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-endpoint.events.*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-*",
          "synthetics-*",
          "traces-*",
          "/metrics-.*&~(metrics-endpoint\\.metadata_current_default.*)/",
          ".logs-endpoint.action.responses-*",
          ".logs-endpoint.diagnostic.collection-*",
          ".logs-endpoint.actions-*",
          ".logs-endpoint.heartbeat-*",
          ".logs-osquery_manager.actions-*",
          ".logs-osquery_manager.action.responses-*",
          "logs-osquery_manager.action.responses-*",
          "profiling-*"
        ],
        "privileges": [
          "indices:admin/settings/update",
          "indices:admin/mapping/put",
          "indices:admin/rollover",
          "indices:admin/data_stream/lifecycle/put"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-endpoint.action.responses-*"
        ],
        "privileges": [
          "auto_configure",
          "read",
          "write",
          "create_index"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-endpoint.actions-*"
        ],
        "privileges": [
          "auto_configure",
          "read",
          "write",
          "create_index"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-osquery_manager.action.responses-*"
        ],
        "privileges": [
          "auto_configure",
          "create_index",
          "read",
          "index",
          "delete"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-osquery_manager.action.responses-*"
        ],
        "privileges": [
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-osquery_manager.actions-*"
        ],
        "privileges": [
          "auto_configure",
          "create_index",
          "read",
          "index",
          "write",
          "delete"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-sentinel_one.*",
          "logs-crowdstrike.*",
          "logs-microsoft_defender_endpoint.*",
          "logs-m365_defender.*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-endpoint.diagnostic.collection-*",
          "logs-apm-*",
          "logs-apm.*-*",
          "logs-cloud_security_posture.findings-*",
          "logs-cloud_security_posture.vulnerabilities-*",
          "metrics-apm-*",
          "metrics-apm.*-*",
          "traces-apm-*",
          "traces-apm.*-*",
          "synthetics-http-*",
          "synthetics-icmp-*",
          "synthetics-tcp-*",
          "synthetics-browser-*",
          "synthetics-browser.network-*",
          "synthetics-browser.screenshot-*"
        ],
        "privileges": [
          "indices:admin/delete"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-endpoint.metadata*"
        ],
        "privileges": [
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "metrics-endpoint.metadata_current_default*",
          ".metrics-endpoint.metadata_current_default*",
          ".metrics-endpoint.metadata_united_default*"
        ],
        "privileges": [
          "create_index",
          "delete_index",
          "read",
          "index",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-ti_*_latest.*"
        ],
        "privileges": [
          "create_index",
          "delete_index",
          "read",
          "index",
          "delete",
          "manage",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-ti_*.*-*"
        ],
        "privileges": [
          "indices:admin/delete",
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "kibana_sample_data_*"
        ],
        "privileges": [
          "create_index",
          "delete_index",
          "read",
          "index",
          "view_index_metadata",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-cloud_security_posture.findings-*",
          "logs-cloud_security_posture.vulnerabilities-*"
        ],
        "privileges": [
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-cloud_security_posture.findings_latest-default*",
          "logs-cloud_security_posture.vulnerabilities_latest-default*"
        ],
        "privileges": [
          "create_index",
          "read",
          "index",
          "delete",
          "indices:admin/delete",
          "manage",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-cloud_security_posture.scores-default*"
        ],
        "privileges": [
          "create_index",
          "read",
          "index",
          "delete",
          "indices:admin/delete",
          "indices:admin/aliases",
          "indices:admin/settings/update",
          "indices:admin/mapping/auto_put"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-wiz.vulnerability-*",
          "logs-wiz.cloud_configuration_finding-*",
          "logs-wiz.cloud_configuration_finding_full_posture-*",
          "logs-google_scc.finding-*",
          "logs-aws.securityhub_findings-*",
          "logs-aws.securityhub_findings_full_posture-*",
          "logs-aws.inspector-*",
          "logs-aws.config-*",
          "logs-amazon_security_lake.findings-*",
          "logs-qualys_vmdr.asset_host_detection-*",
          "logs-tenable_sc.vulnerability-*",
          "logs-tenable_io.vulnerability-*",
          "logs-rapid7_insightvm.vulnerability-*",
          "logs-rapid7_insightvm.asset_vulnerability-*",
          "logs-carbon_black_cloud.asset_vulnerability_summary-*"
        ],
        "privileges": [
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-m365_defender.vulnerability-*",
          "logs-microsoft_defender_endpoint.vulnerability-*",
          "logs-microsoft_defender_cloud.assessment-*",
          "logs-sentinel_one.application_risk-*"
        ],
        "privileges": [
          "read",
          "view_index_metadata",
          "indices:admin/delete"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-extrahop.investigation-*",
          "logs-qualys_gav.asset-*",
          "logs-sentinel_one.application-*",
          "logs-island_browser.user-*",
          "logs-island_browser.device-*"
        ],
        "privileges": [
          "manage",
          "create_index",
          "read",
          "index",
          "write",
          "delete",
          "indices:admin/delete",
          "indices:admin/aliases",
          "indices:admin/mapping/auto_put"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "security_solution-*.vulnerability_latest",
          "security_solution-*.misconfiguration_latest"
        ],
        "privileges": [
          "manage",
          "read",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "security_solution-*.vulnerability_latest-*",
          "security_solution-*.misconfiguration_latest-*"
        ],
        "privileges": [
          "create_index",
          "index",
          "manage",
          "read",
          "delete",
          "indices:admin/aliases",
          "indices:admin/settings/update"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "risk-score.risk-*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".entity_analytics.*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".asset-criticality.asset-criticality-*"
        ],
        "privileges": [
          "create_index",
          "manage",
          "read",
          "write"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".entities.v1.latest.security*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          "logs-cloud_defend.*",
          "metrics-cloud_defend.*"
        ],
        "privileges": [
          "read",
          "view_index_metadata"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".slo-observability.*"
        ],
        "privileges": [
          "all"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".logs-endpoint.heartbeat-*"
        ],
        "privileges": [
          "read",
          "create_index"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".edr-workflow-insights-*"
        ],
        "privileges": [
          "create_index",
          "auto_configure",
          "manage",
          "read",
          "write",
          "delete",
          "indices:admin/settings/update",
          "indices:admin/mapping/put",
          "indices:admin/rollover"
        ],
        "allow_restricted_indices": false
      },
      {
        "names": [
          ".elastic-connectors*"
        ],
        "privileges": [
          "read"
        ],
        "allow_restricted_indices": false
      }
    ],
    "applications": [],
    "run_as": [],
    "metadata": {
      "_reserved": true
    },
    "transient_metadata": {
      "enabled": true
    },
    "remote_indices": [
      {
        "names": [
          ".monitoring-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      },
      {
        "names": [
          "apm-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      },
      {
        "names": [
          "logs-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      },
      {
        "names": [
          "metrics-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      },
      {
        "names": [
          "traces-apm.*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      },
      {
        "names": [
          "traces-apm-*"
        ],
        "privileges": [
          "read",
          "read_cross_cluster"
        ],
        "allow_restricted_indices": false,
        "clusters": [
          "*"
        ]
      }
    ],
    "remote_cluster": [
      {
        "privileges": [
          "monitor_stats"
        ],
        "clusters": [
          "*"
        ]
      }
    ],
    "description": "Grants access necessary for the Kibana system user to read from and write to the Kibana indices, manage index templates and tokens, and check the availability of the Elasticsearch cluster. It also permits activating, searching, and retrieving user profiles, as well as updating user profile data for the kibana-* namespace. Additionally, this role grants read access to the .monitoring-* indices and read and write access to the .reporting-* indices. Note: This role should not be assigned to users as the granted permissions may change between releases."
  }
};
