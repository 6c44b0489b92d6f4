/**
 * Every aggregation type of Elasticsearch 9 and OpenSearch 2.19, checked against the official clients'
 * `AggregationsAggregationContainer` / `AggregationContainer` (see dsl-table.test.ts). Every aggregation may
 * carry a values-source `script`; the table adds the sub-queries, scripts and hit sections the others hold.
 */
import { Role, Engines, type Roles } from './roles.ts';

export interface AggSpec {
  readonly engines: Engines;
  /** The body itself is a query (`filter`). */
  readonly bodyIsQuery?: boolean;
  /** Parameters with a role besides `script` (unlisted ones are inert). */
  readonly params?: Roles;
}

const B = Engines.both;
const ES = Engines.es;
const plain = (engines: Engines = B): AggSpec => ({ engines });
const withRoles = (params: Roles, engines: Engines = B): AggSpec => ({ engines, params });

/** The sections of a hit list (inner hits, top_hits). */
export const HIT_SECTIONS: Roles = { sort: Role.sort, highlight: Role.highlight, script_fields: Role.scriptFields, collapse: Role.collapse };

export const AGG_TYPES: Readonly<Record<string, AggSpec>> = {
  // bucket aggregations holding queries
  filter: { engines: B, bodyIsQuery: true },
  filters: withRoles({ filters: Role.namedQueries }),
  adjacency_matrix: withRoles({ filters: Role.namedQueries }),
  significant_terms: withRoles({ background_filter: Role.query, script_heuristic: Role.deepScripts }),
  significant_text: withRoles({ background_filter: Role.query, script_heuristic: Role.deepScripts }),
  frequent_item_sets: withRoles({ filter: Role.query }, ES),
  frequent_items: withRoles({ filter: Role.query }, ES),
  t_test: withRoles({ a: Role.valueSource, b: Role.valueSource }),
  // hits
  top_hits: withRoles(HIT_SECTIONS),
  top_metrics: withRoles({ sort: Role.sort, metrics: Role.deepScripts }, ES),
  // scripts
  scripted_metric: withRoles({ init_script: Role.script, map_script: Role.script, combine_script: Role.script, reduce_script: Role.script }),
  bucket_script: plain(),
  bucket_selector: plain(),
  moving_fn: plain(),
  composite: withRoles({ sources: Role.deepScripts }),
  multi_terms: withRoles({ terms: Role.deepScripts }),
  weighted_avg: withRoles({ value: Role.deepScripts, weight: Role.deepScripts }),
  // bucket
  auto_date_histogram: plain(),
  categorize_text: plain(ES),
  children: plain(),
  date_histogram: plain(),
  date_range: plain(),
  diversified_sampler: plain(),
  geo_distance: plain(),
  geohash_grid: plain(),
  geotile_grid: plain(),
  geohex_grid: plain(ES),
  global: plain(),
  histogram: plain(),
  ip_prefix: plain(ES),
  ip_range: plain(),
  missing: plain(),
  nested: plain(),
  parent: plain(),
  random_sampler: plain(ES),
  range: plain(),
  rare_terms: plain(),
  reverse_nested: plain(),
  sampler: plain(),
  terms: plain(),
  time_series: plain(ES),
  variable_width_histogram: plain(),
  // metrics
  avg: plain(),
  boxplot: plain(),
  cardinality: plain(),
  cartesian_bounds: plain(ES),
  cartesian_centroid: plain(ES),
  extended_stats: plain(),
  geo_bounds: plain(),
  geo_centroid: plain(),
  geo_line: plain(ES),
  /** Listed by the ES client next to `geo_line`. */
  line: plain(ES),
  matrix_stats: plain(),
  max: plain(),
  median_absolute_deviation: plain(),
  min: plain(),
  percentile_ranks: plain(),
  percentiles: plain(),
  rate: plain(),
  stats: plain(),
  string_stats: plain(ES),
  sum: plain(),
  value_count: plain(),
  // pipeline (bucket paths: inert)
  avg_bucket: plain(),
  bucket_count_ks_test: plain(ES),
  bucket_correlation: plain(ES),
  /** Its `sort` is parsed as a search sort (nested filters, scripts): walked as one. */
  bucket_sort: withRoles({ sort: Role.sort }),
  change_point: plain(ES),
  cumulative_cardinality: plain(),
  cumulative_sum: plain(),
  derivative: plain(),
  extended_stats_bucket: plain(),
  inference: plain(ES),
  max_bucket: plain(),
  min_bucket: plain(),
  moving_avg: plain(),
  moving_percentiles: plain(),
  normalize: plain(),
  percentiles_bucket: plain(),
  serial_diff: plain(),
  stats_bucket: plain(),
  sum_bucket: plain(),
};
