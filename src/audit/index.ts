/**
 * The audit trail's public surface. The pipeline holds one `AuditTrail` and calls one method per security
 * decision; the composition root builds it with `createAuditTrail`. See docs/audit.md.
 */
import type { Logger } from 'pino';
import type { Settings } from '../config/load.ts';
import type { Clock } from '../core/clock.ts';
import { AuditTrail, type AuditNode } from './trail.ts';
import { auditConfig, type AuditConfig } from './settings.ts';
import { SINK_TYPES, type SinkDeps } from './sinks/registry.ts';
import type { AuditSink } from './sinks/sink.ts';

export { AuditTrail } from './trail.ts';
export type { AuditNode, OutcomeLike, AttemptLike } from './trail.ts';
export type { AuditRequest } from './request-fields.ts';
export type { AccessInfo, ConnectionInfo, FailedAuthentication } from './events.ts';
export type { SecurityChangeInput } from './security-change.ts';
export { SECURITY_CHANGE_ACTIONS } from './security-change.ts';
export type { AuditConfig } from './settings.ts';
export { auditConfig } from './settings.ts';
export type { AuditSink, SinkStats } from './sinks/sink.ts';
export { OverflowPolicy } from './sinks/sink.ts';

export interface AuditDeps extends SinkDeps {
  readonly node: AuditNode;
}

/**
 * The trail the settings describe: its sinks built from `xpack.security.audit.outputs` through the sink
 * registry. With `xpack.security.audit.enabled: false` it has no sinks and every call returns at once.
 */
export function createAuditTrail(settings: Settings | AuditConfig, deps: AuditDeps): AuditTrail {
  const config = 'get' in settings ? auditConfig(settings) : settings;
  const sinks: AuditSink[] = config.enabled ? config.outputs.map((o) => SINK_TYPES[o](config, deps)) : [];
  return new AuditTrail(config, sinks, { clock: deps.clock, node: deps.node });
}
