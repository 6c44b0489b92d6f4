/**
 * The APIs of the published specs (ES 9 and OpenSearch) the gateway does not forward as understood, and why.
 * A request to one of them matches no route: it is `unresolved`, so only the cluster privilege `all` may send it
 * (security APIs are served by the gateway itself or refused). `*` ends a namespace prefix.
 */
export interface RefusedApis {
  readonly apis: string;
  readonly reason: string;
}

const NEEDS_ALL = 'not in the gateway grammar: only the cluster privilege [all] may send it';

export const REFUSED_APIS: readonly RefusedApis[] = [
  { apis: 'security.* xpack.*', reason: 'security APIs are served by the gateway (or refused), never forwarded' },
  { apis: 'ml.* inference.* text_structure.* graph.* transform.* transforms.* flow_framework.* ltr.* neural.* knn.* knn_search', reason: `machine learning, inference and vector plugins: ${NEEDS_ALL}` },
  { apis: 'async_search.* asynchronous_search.* eql.* esql.async_query esql.async_query_delete esql.async_query_get esql.async_query_stop esql.get_query esql.list_queries esql.delete_view esql.get_view esql.put_view sql.delete_async sql.get_async sql.get_async_status sql.translate sql.explain ppl.explain', reason: `asynchronous searches, EQL, and query-language extras the grammar does not read: ${NEEDS_ALL}` },
  { apis: 'search_mvt search_application.* query_rules.* synonyms.* search_pipeline.* search_relevance.* ubi.* query.* insights.*', reason: `search extensions whose bodies or stored objects the grammar does not read: ${NEEDS_ALL}` },
  { apis: 'ilm.* slm.* sm.* ism.* rollup.* rollups.* ccr.* replication.* enrich.* searchable_snapshots.* dangling_indices.* remote_store.* ingestion.* streams.*', reason: `lifecycle, replication and cross-cluster features: ${NEEDS_ALL}` },
  { apis: 'connector.* fleet.* logstash.* profiling.* project.* monitoring.* license.* migration.* features.* shutdown.* autoscaling.* ssl.* watcher.* notifications.* observability.* geospatial.* security_analytics.* list.* wlm.* simulate.*', reason: `product and operations APIs: ${NEEDS_ALL}` },
  { apis: 'cancel_reindex get_reindex list_reindex capabilities health_report cluster.info', reason: `task and node introspection the grammar does not declare: ${NEEDS_ALL}` },
  { apis: 'bulk_stream delete_all_pits get_all_pits cat.all_pit_segments cat.pit_segments', reason: 'acts on every point in time of the cluster, not only the caller\'s' },
  { apis: 'cat.circuit_breaker cat.component_templates cat.ml_data_frame_analytics cat.ml_datafeeds cat.ml_jobs cat.ml_trained_models cat.transforms cat.segment_replication', reason: `_cat views of features the gateway does not forward: ${NEEDS_ALL}` },
  {
    apis: 'indices.cancel_migrate_reindex indices.create_from indices.delete_data_lifecycle indices.delete_data_stream_options indices.disk_usage indices.downsample indices.explain_data_lifecycle indices.field_usage_stats indices.get_data_lifecycle indices.get_data_lifecycle_stats indices.get_data_stream_mappings indices.get_data_stream_options indices.get_data_stream_settings indices.get_migrate_reindex_status indices.migrate_reindex indices.put_data_lifecycle indices.put_data_stream_mappings indices.put_data_stream_options indices.put_data_stream_settings indices.reload_search_analyzers indices.remove_block indices.resolve_cluster indices.upgrade',
    reason: `index APIs without a route in the gateway: ${NEEDS_ALL}`,
  },
  { apis: 'ingest.delete_geoip_database ingest.delete_ip_location_database ingest.geo_ip_stats ingest.get_geoip_database ingest.get_ip_location_database ingest.put_geoip_database ingest.put_ip_location_database', reason: `ingest database APIs: ${NEEDS_ALL}` },
  { apis: 'nodes.clear_repositories_metering_archive nodes.get_repositories_metering_info snapshot.repository_analyze snapshot.repository_verify_integrity tasks.delete', reason: `operations APIs: ${NEEDS_ALL}` },
  { apis: 'cluster.delete_decommission_awareness cluster.delete_weighted_routing cluster.get_decommission_awareness cluster.get_weighted_routing cluster.put_decommission_awareness cluster.put_weighted_routing', reason: `OpenSearch routing and decommission APIs: ${NEEDS_ALL}` },
  { apis: 'ppl.get_stats ppl.post_stats sql.get_stats sql.post_stats sql.settings', reason: `query-language plugin administration: ${NEEDS_ALL}` },
];

/** The refusal that covers `name`, if any. */
export function refusalOf(name: string): RefusedApis | undefined {
  return REFUSED_APIS.find((r) => r.apis.split(/\s+/).some((p) => (p.endsWith('.*') ? name.startsWith(p.slice(0, -1)) : p === name)));
}
