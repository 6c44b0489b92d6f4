import { join, resolve } from 'node:path';
import type { Settings } from '../config/load.ts';
import { parseByteSize } from '../lib/byte-size.ts';
import { IGNORE_POLICY_FIELDS, type IgnorePolicy } from './filters.ts';
import type { OverflowPolicy } from './sinks/sink.ts';

export const AUDIT_OUTPUTS = ['logfile', 'index'] as const;
export type AuditOutput = (typeof AUDIT_OUTPUTS)[number];

/** The audit settings, read once from the gateway settings. */
export interface AuditConfig {
  readonly enabled: boolean;
  readonly outputs: readonly AuditOutput[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly emitRequestBody: boolean;
  readonly emit: {
    readonly nodeName: boolean;
    readonly nodeId: boolean;
    readonly hostAddress: boolean;
    readonly hostName: boolean;
    readonly clusterName: boolean;
    readonly clusterUuid: boolean;
  };
  readonly ignoreFilters: Readonly<Record<string, IgnorePolicy>>;
  readonly overflow: OverflowPolicy;
  readonly logfile: {
    readonly dir: string;
    readonly name: string;
    readonly maxSizeBytes: number;
    readonly daily: boolean;
    readonly maxFiles: number;
    readonly maxQueue: number;
  };
  readonly index: { readonly bulkSize: number; readonly flushIntervalMs: number; readonly maxQueue: number };
}

const X = 'xpack.security.audit.';
const FILTERS = `${X}logfile.events.ignore_filters.`;

export function auditConfig(settings: Settings): AuditConfig {
  const get = <T>(key: string) => settings.get<T>(key);
  const dataPath = resolve(get<string>('portcullis.data.path'));
  const dir = get<string | undefined>('portcullis.audit.logfile.path');
  return {
    enabled: get<boolean>(`${X}enabled`),
    outputs: [...new Set(get<AuditOutput[]>(`${X}outputs`))],
    include: get<string[]>(`${X}logfile.events.include`),
    exclude: get<string[]>(`${X}logfile.events.exclude`),
    emitRequestBody: get<boolean>(`${X}logfile.events.emit_request_body`),
    emit: {
      nodeName: get<boolean>(`${X}logfile.emit_node_name`),
      nodeId: get<boolean>(`${X}logfile.emit_node_id`),
      hostAddress: get<boolean>(`${X}logfile.emit_node_host_address`),
      hostName: get<boolean>(`${X}logfile.emit_node_host_name`),
      clusterName: get<boolean>(`${X}logfile.emit_cluster_name`),
      clusterUuid: get<boolean>(`${X}logfile.emit_cluster_uuid`),
    },
    ignoreFilters: ignoreFilters(settings),
    overflow: get<OverflowPolicy>('portcullis.audit.on_overflow').toLowerCase() as OverflowPolicy,
    logfile: {
      dir: dir === undefined ? join(dataPath, 'logs') : resolve(dir),
      name: get<string>('portcullis.audit.logfile.name'),
      maxSizeBytes: sizeOrZero(get<string>('portcullis.audit.logfile.rotate.size')),
      daily: get<boolean>('portcullis.audit.logfile.rotate.daily'),
      maxFiles: get<number>('portcullis.audit.logfile.rotate.max_files'),
      maxQueue: get<number>('portcullis.audit.logfile.queue_max_size'),
    },
    index: {
      bulkSize: get<number>(`${X}index.bulk_size`),
      flushIntervalMs: get<number>(`${X}index.flush_interval`),
      maxQueue: get<number>(`${X}index.queue_max_size`),
    },
  };
}

/** `ignore_filters.<policy>.<field>` keys grouped by policy. */
function ignoreFilters(settings: Settings): Record<string, IgnorePolicy> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const key of settings.keys(FILTERS)) {
    const [policy, field] = key.slice(FILTERS.length).split('.');
    if (!(IGNORE_POLICY_FIELDS as readonly string[]).includes(field)) continue;
    (out[policy] ??= {})[field] = settings.get<string[]>(key);
  }
  return out;
}

function sizeOrZero(v: string): number {
  return v.trim() === '0' ? 0 : (parseByteSize(v) ?? 0);
}
