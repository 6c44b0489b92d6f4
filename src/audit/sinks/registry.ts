import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { Secret } from '../../core/secret.ts';
import type { AuditConfig, AuditOutput } from '../settings.ts';
import type { AuditSink } from './sink.ts';
import { createLogfileSink } from './logfile-sink.ts';
import { createIndexSink, type IndexSinkTls } from './index-sink.ts';

export interface SinkDeps {
  readonly log: Logger;
  readonly clock: Clock;
  /** The cluster the index output writes to: the upstream's URLs, service credential and TLS trust. */
  readonly cluster?: { readonly urls: readonly string[]; readonly authorization?: Secret; readonly tls?: IndexSinkTls };
}

type SinkFactory = (config: AuditConfig, deps: SinkDeps) => AuditSink;

/** Every audit output, by its `xpack.security.audit.outputs` name. Adding one is one line here. */
export const SINK_TYPES: Readonly<Record<AuditOutput, SinkFactory>> = {
  logfile: (c, d) => createLogfileSink({ ...c.logfile, overflow: c.overflow, clock: d.clock, log: d.log }),
  index: (c, d) => {
    if (!d.cluster) throw new Error('the audit index output needs the upstream cluster');
    return createIndexSink({ ...d.cluster, ...c.index, overflow: c.overflow, log: d.log });
  },
};
