/**
 * The audit event vocabulary: Elasticsearch's logfile audit field names (flat, dotted keys, as its
 * `<cluster>_audit.json` holds them), in the order its log layout writes them, and the values of
 * `event.type` and `origin.type`.
 */

/** One audit event: flat dotted keys → a string, a list of strings, or (security changes) an object. */
export type AuditValue = string | readonly string[] | Readonly<Record<string, unknown>>;
export type AuditEvent = Readonly<Record<string, AuditValue>>;

/**
 * ES 8's logfile layout, in order. Each is written only when the event has it. `type` and `timestamp` open
 * every line (`"type":"audit"`, `"timestamp":"2024-05-01T12:00:00,123+0000"`).
 */
export const ES_LOGFILE_FIELDS = [
  'type',
  'timestamp',
  'cluster.name',
  'cluster.uuid',
  'node.name',
  'node.id',
  'host.name',
  'host.ip',
  'event.type',
  'event.action',
  'authentication.type',
  'user.name',
  'user.run_by.name',
  'user.run_as.name',
  'user.realm',
  'user.realm_domain',
  'user.run_by.realm',
  'user.run_by.realm_domain',
  'user.run_as.realm',
  'user.run_as.realm_domain',
  'user.roles',
  'apikey.id',
  'apikey.name',
  'authentication.token.name',
  'authentication.token.type',
  'cross_cluster_access',
  'origin.type',
  'origin.address',
  'realm',
  'realm_domain',
  'url.path',
  'url.query',
  'request.method',
  'request.body',
  'request.id',
  'action',
  'request.name',
  'indices',
  'opaque_id',
  'trace.id',
  'x_forwarded_for',
  'transport.profile',
  'rule',
  'put',
  'delete',
  'change',
  'create',
  'invalidate',
] as const;

/**
 * Fields Portcullis adds to ES's set, written after ES's. `event.reason` (an ECS field) says why an
 * authentication failed ("api key is expired"); ES keeps that only in its server log.
 */
export const EXTENSION_FIELDS = ['event.reason'] as const;

/** Every key an event may hold (besides `@timestamp`, which the formats render). */
export const EVENT_FIELDS: readonly string[] = [...ES_LOGFILE_FIELDS.slice(2), ...EXTENSION_FIELDS];

/** Fields whose value is a list of strings (a JSON array in the log line). */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['user.roles', 'indices']);

/** Fields whose value is an object (a JSON object in the log line): the security change records. */
export const OBJECT_FIELDS: ReadonlySet<string> = new Set(['cross_cluster_access', 'put', 'delete', 'change', 'create', 'invalidate']);

export const EventType = {
  rest: 'rest',
  transport: 'transport',
  ip_filter: 'ip_filter',
  security_config_change: 'security_config_change',
} as const;

export const OriginType = { rest: 'rest', transport: 'transport', local_node: 'local_node' } as const;

/** The instant of an event, kept as epoch milliseconds under this key until a format renders it. */
export const TIMESTAMP = '@timestamp';
