import { parseTimeValue } from './time-value.ts';
import { parseByteSize } from '../lib/byte-size.ts';

/** One setting: its type, default and a validator returning an error message or null. */
export interface SettingDef {
  readonly type: 'string' | 'bool' | 'int' | 'time' | 'list' | 'secret';
  readonly default?: unknown;
  /** Extra check on the coerced value; returns a reason or null. */
  readonly check?: (v: unknown) => string | null;
  /** Accepted for compatibility with a pasted elasticsearch.yml, but has no effect in the gateway. */
  readonly ignored?: boolean;
}

const oneOf = (...allowed: string[]) => (v: unknown) =>
  allowed.includes(String(v).toLowerCase()) ? null : `must be one of [${allowed.join(', ')}]`;
const positive = (v: unknown) => ((v as number) > 0 ? null : 'must be greater than 0');
const nonNegative = (v: unknown) => ((v as number) >= 0 ? null : 'must not be negative');
const allOf = (...allowed: string[]) => (v: unknown) =>
  (v as string[]).every((x) => allowed.includes(x)) ? null : `must only hold values of [${allowed.join(', ')}]`;
const auditEvents = (v: unknown) => {
  const bad = (v as string[]).find((x) => x.trim().toLowerCase() !== '_all' && !(AUDIT_EVENT_NAMES as readonly string[]).includes(x.trim().toLowerCase()));
  return bad === undefined ? null : `invalid event name specified [${bad}]`;
};
const esVersion = (v: unknown) => {
  const m = /^(\d+)\.\d+\.\d+$/.exec(String(v));
  if (!m) return 'must be a version such as 9.1.5';
  return m[1] === '8' || m[1] === '9' ? null : 'must be an Elasticsearch 8.x or 9.x version';
};
const byteSize = (v: unknown) => (parseByteSize(String(v)) !== null && parseByteSize(String(v))! > 0 ? null : 'expected a size such as 16kb or 4kb');
const byteSizeOrZero = (v: unknown) => (String(v).trim() === '0' || parseByteSize(String(v)) !== null ? null : 'expected a size such as 100mb or 1gb, or 0');

/** Audit event names (`xpack.security.audit.logfile.events.include` / `exclude`), as ES names them. */
export const AUDIT_EVENT_NAMES = [
  'anonymous_access_denied',
  'authentication_failed',
  'realm_authentication_failed',
  'access_granted',
  'access_denied',
  'tampered_request',
  'connection_granted',
  'connection_denied',
  'system_access_granted',
  'authentication_success',
  'run_as_granted',
  'run_as_denied',
  'security_config_change',
] as const;
/** ES's default `events.include`: not `authentication_success`, `realm_authentication_failed`, `system_access_granted`, `connection_granted`. */
export const DEFAULT_AUDIT_EVENTS = [
  'access_denied',
  'access_granted',
  'anonymous_access_denied',
  'authentication_failed',
  'connection_denied',
  'tampered_request',
  'run_as_denied',
  'run_as_granted',
  'security_config_change',
] as const;

/** Gateway-wide settings (realm settings come from each realm type's own schema). */
export const SETTINGS: Readonly<Record<string, SettingDef>> = {
  'portcullis.listen': { type: 'string', default: '127.0.0.1:9243' },
  'portcullis.data.path': { type: 'string', default: './data' },
  'portcullis.log.level': { type: 'string', default: 'info', check: oneOf('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent') },
  'portcullis.upstream.url': { type: 'list', default: ['http://127.0.0.1:9200'] },
  'portcullis.upstream.username': { type: 'string' },
  'portcullis.upstream.password': { type: 'secret' },
  'portcullis.upstream.api_key': { type: 'secret' },
  'portcullis.upstream.ssl.certificate_authorities': { type: 'list' },
  'portcullis.upstream.ssl.verification_mode': { type: 'string', default: 'full', check: oneOf('full', 'certificate', 'none') },
  'portcullis.upstream.timeout.connect': { type: 'time', default: '10s' },
  'portcullis.upstream.timeout.response': { type: 'time', default: '60s' },
  'portcullis.upstream.timeout.body': { type: 'time', default: '5m' },
  'portcullis.upstream.connections': { type: 'int', default: 128, check: positive },
  /**
   * The Elasticsearch version the gateway implements: `version.number` of its own `GET /` when the upstream is
   * not Elasticsearch (docs/es-face.md). An 8.x or 9.x version; 9.1.5's build fields are known, others say `unknown`.
   */
  'portcullis.elasticsearch.version': { type: 'string', default: '9.1.5', check: esVersion },
  'portcullis.http.max_content_length': { type: 'string', default: '100mb' },
  // The edge's bounds (docs/configuration.md, "Connections and deadlines"): ES's keys where ES has one.
  'http.max_header_size': { type: 'string', default: '16kb', check: byteSize },
  'http.max_initial_line_length': { type: 'string', default: '4kb', check: byteSize },
  'portcullis.http.header_timeout': { type: 'time', default: '30s', check: positive },
  'portcullis.http.request_timeout': { type: 'time', default: '2m', check: positive },
  'portcullis.http.keep_alive_timeout': { type: 'time', default: '65s', check: positive },
  'portcullis.http.max_connections': { type: 'int', default: 1024, check: positive },
  /** Answers of read APIs are held and checked (the response check) up to this size; a larger one is refused. */
  'portcullis.forward.max_checked_response_size': { type: 'string', default: '100mb' },
  /** Benchmarks only: turns the response check off, to measure its cost. Never set it on a gateway in use. */
  'portcullis.internal.bench.disable_response_check': { type: 'bool', default: false },
  'xpack.security.enabled': {
    type: 'bool',
    default: true,
    check: (v) => (v === true ? null : 'cannot be false: Portcullis exists to secure the cluster and never forwards unauthenticated requests'),
  },
  // Unset: on when the gateway made its own HTTP TLS material (ES's auto-configuration writes it as true), else off.
  'xpack.security.enrollment.enabled': { type: 'bool' },
  'xpack.security.http.ssl.enabled': { type: 'bool', default: true },
  'xpack.security.http.ssl.certificate': { type: 'string' },
  'xpack.security.http.ssl.key': { type: 'string' },
  'xpack.security.http.ssl.key_passphrase': { type: 'secret' },
  'xpack.security.http.ssl.certificate_authorities': { type: 'list' },
  'xpack.security.http.ssl.keystore.path': { type: 'string' },
  'xpack.security.http.ssl.keystore.password': { type: 'secret' },
  'xpack.security.http.ssl.client_authentication': { type: 'string', default: 'none', check: oneOf('none', 'optional', 'required') },
  'xpack.security.http.ssl.verification_mode': { type: 'string', default: 'full', check: oneOf('full', 'certificate', 'none') },
  'xpack.security.http.ssl.supported_protocols': { type: 'list' },
  'xpack.security.transport.ssl.enabled': { type: 'bool', ignored: true },
  'xpack.security.transport.ssl.verification_mode': { type: 'string', ignored: true },
  'xpack.security.transport.ssl.keystore.path': { type: 'string', ignored: true },
  'xpack.security.transport.ssl.truststore.path': { type: 'string', ignored: true },
  'xpack.security.transport.ssl.certificate': { type: 'string', ignored: true },
  'xpack.security.transport.ssl.key': { type: 'string', ignored: true },
  'xpack.security.transport.ssl.certificate_authorities': { type: 'list', ignored: true },
  'xpack.security.authc.password_hashing.algorithm': { type: 'string', default: 'bcrypt' },
  'xpack.security.authc.reserved_realm.enabled': { type: 'bool', default: true },
  'xpack.security.authc.api_key.enabled': { type: 'bool', default: true },
  'xpack.security.authc.api_key.cache.ttl': { type: 'time', default: '1d' },
  'xpack.security.authc.api_key.cache.max_keys': { type: 'int', default: 25_000, check: nonNegative },
  'xpack.security.authc.api_key.cache.hash_algo': { type: 'string', default: 'ssha256' },
  'xpack.security.authc.api_key.hashing.algorithm': { type: 'string', default: 'ssha256' },
  'xpack.security.authc.api_key.delete.retention_period': { type: 'time', default: '7d' },
  'xpack.security.authc.api_key.delete.interval': { type: 'time', default: '24h' },
  'xpack.security.authc.api_key.delete.timeout': { type: 'time', default: '-1', ignored: true },
  'xpack.security.authc.api_key.doc_cache.ttl': { type: 'time', default: '5m', ignored: true },
  'xpack.security.authc.token.enabled': { type: 'bool' },
  'xpack.security.authc.service_token_hashing.algorithm': { type: 'string', default: 'pbkdf2_stretch' },
  'xpack.security.authc.service_token.cache.ttl': { type: 'time', default: '20m' },
  'xpack.security.authc.service_token.cache.max_tokens': { type: 'int', default: 100_000, check: nonNegative },
  'xpack.security.authc.service_token.cache.hash_algo': { type: 'string', default: 'ssha256' },
  'xpack.security.authc.token.timeout': {
    type: 'time',
    default: '20m',
    check: (v) => ((v as number) > 0 && (v as number) <= 3_600_000 ? null : 'must be greater than 0 and at most 1h'),
  },
  'xpack.security.authc.anonymous.username': { type: 'string', default: '_anonymous' },
  'xpack.security.authc.anonymous.roles': { type: 'list', default: [] },
  'xpack.security.authc.anonymous.authz_exception': { type: 'bool', default: true },
  'xpack.security.authc.run_as.enabled': { type: 'bool', default: true },
  // Audit trail (see docs/audit.md): ES's keys, plus portcullis.audit.* for what ES configures in log4j2.
  'xpack.security.audit.enabled': { type: 'bool', default: false },
  'xpack.security.audit.outputs': { type: 'list', default: ['logfile'], check: allOf('logfile', 'index') },
  'xpack.security.audit.logfile.events.include': { type: 'list', default: [...DEFAULT_AUDIT_EVENTS], check: auditEvents },
  'xpack.security.audit.logfile.events.exclude': { type: 'list', default: [], check: auditEvents },
  'xpack.security.audit.logfile.events.emit_request_body': { type: 'bool', default: false },
  'xpack.security.audit.logfile.emit_node_name': { type: 'bool', default: false },
  'xpack.security.audit.logfile.emit_node_id': { type: 'bool', default: true },
  'xpack.security.audit.logfile.emit_node_host_address': { type: 'bool', default: false },
  'xpack.security.audit.logfile.emit_node_host_name': { type: 'bool', default: false },
  'xpack.security.audit.logfile.emit_cluster_name': { type: 'bool', default: false },
  'xpack.security.audit.logfile.emit_cluster_uuid': { type: 'bool', default: true },
  'xpack.security.audit.index.bulk_size': { type: 'int', default: 1000, check: positive },
  'xpack.security.audit.index.flush_interval': { type: 'time', default: '1s', check: positive },
  'xpack.security.audit.index.queue_max_size': { type: 'int', default: 10_000, check: positive },
  'portcullis.audit.on_overflow': { type: 'string', default: 'reject', check: oneOf('reject', 'drop') },
  'portcullis.audit.logfile.path': { type: 'string' },
  'portcullis.audit.logfile.name': { type: 'string', default: 'portcullis', check: (v) => (/^[\w.-]+$/.test(String(v)) ? null : 'must be a file name (letters, digits, ".", "_", "-")') },
  'portcullis.audit.logfile.rotate.size': { type: 'string', default: '1gb', check: byteSizeOrZero },
  'portcullis.audit.logfile.rotate.daily': { type: 'bool', default: true },
  'portcullis.audit.logfile.rotate.max_files': { type: 'int', default: 30, check: positive },
  'portcullis.audit.logfile.queue_max_size': { type: 'int', default: 10_000, check: positive },
};

/**
 * Settings whose key has a name segment chosen by the user, written `*` here (one segment, no dots):
 * `xpack.security.audit.logfile.events.ignore_filters.<policy>.users`.
 */
export const SETTING_PATTERNS: Readonly<Record<string, SettingDef>> = {
  'xpack.security.audit.logfile.events.ignore_filters.*.users': { type: 'list' },
  'xpack.security.audit.logfile.events.ignore_filters.*.realms': { type: 'list' },
  'xpack.security.audit.logfile.events.ignore_filters.*.actions': { type: 'list' },
  'xpack.security.audit.logfile.events.ignore_filters.*.roles': { type: 'list' },
  'xpack.security.audit.logfile.events.ignore_filters.*.indices': { type: 'list' },
};

const PATTERN_MATCHERS = Object.entries(SETTING_PATTERNS).map(([pattern, def]) => {
  const source = pattern.split('.').map((seg) => (seg === '*' ? '[^.]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\\.');
  return { re: new RegExp(`^${source}$`), def };
});

/** The definition of a gateway setting: a fixed key, or a key matching one of the patterns. */
export function settingDef(key: string): SettingDef | undefined {
  return SETTINGS[key] ?? PATTERN_MATCHERS.find((m) => m.re.test(key))?.def;
}

/** Settings every realm accepts, whatever its type (`xpack.security.authc.realms.<type>.<name>.<key>`). */
export const COMMON_REALM_SETTINGS: Readonly<Record<string, SettingDef>> = {
  order: { type: 'int' },
  enabled: { type: 'bool', default: true },
  'authentication.enabled': { type: 'bool', default: true },
};

/** Settings of realms that cache credentials (ES's CachingUsernamePasswordRealm). */
export const CACHING_REALM_SETTINGS: Readonly<Record<string, SettingDef>> = {
  'cache.ttl': { type: 'time', default: '20m' },
  'cache.max_users': { type: 'int', default: 100_000, check: nonNegative },
  'cache.hash_algo': { type: 'string', default: 'ssha256' },
};

/** Coerces a raw YAML value to the setting's type; returns `{ error }` when it cannot. */
export function coerce(def: SettingDef, raw: unknown): { value: unknown } | { error: string } {
  switch (def.type) {
    case 'string':
    case 'secret':
      if (typeof raw === 'string' || typeof raw === 'number') return { value: String(raw) };
      return { error: 'expected a string' };
    case 'bool':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: 'expected true or false' };
    case 'int': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (typeof n === 'number' && Number.isInteger(n)) return { value: n };
      return { error: 'expected an integer' };
    }
    case 'time': {
      const ms = parseTimeValue(raw);
      return ms === null ? { error: 'expected a time value such as 30s, 20m or 7d' } : { value: ms };
    }
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return { value: raw };
      if (typeof raw === 'string') return { value: raw.split(',').map((s) => s.trim()).filter(Boolean) };
      return { error: 'expected a list of strings' };
  }
}
