import { Pool, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { Secret } from '../../core/secret.ts';
import type { AuditEvent } from '../fields.ts';
import { BufferedSink } from './buffered-sink.ts';
import { bulkBody, bulkOutcome } from './bulk.ts';
import { AUDIT_INDEX_PREFIX, AUDIT_TEMPLATE_NAME, auditIndexTemplate } from './index-template.ts';
import type { OverflowPolicy } from './sink.ts';

export interface IndexSinkTls {
  readonly caPem?: string;
  readonly rejectUnauthorized?: boolean;
  readonly verifyHostname?: boolean;
}

export interface IndexSinkOptions {
  /** Base URLs of the cluster (the upstream's); tried in turn when one cannot be reached. */
  readonly urls: readonly string[];
  /** The full `Authorization` value of the gateway's service credential, if the cluster needs one. */
  readonly authorization?: Secret;
  readonly tls?: IndexSinkTls;
  /** `xpack.security.audit.index.bulk_size`. */
  readonly bulkSize: number;
  /** `xpack.security.audit.index.flush_interval`. */
  readonly flushIntervalMs: number;
  /** `xpack.security.audit.index.queue_max_size`. */
  readonly maxQueue: number;
  readonly overflow: OverflowPolicy;
  readonly log: Logger;
  readonly indexPrefix?: string;
  /** Requests go through this instead of pools of the sink's own (tests). */
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  /** How long closing keeps trying to write what is queued (default 5 s). */
  readonly closeTimeoutMs?: number;
}

/**
 * The index output: events batched (`bulk_size` or `flush_interval`, whichever comes first) into daily
 * `.security-audit-yyyy.MM.dd` indices through `_bulk`, after installing an index template once.
 */
export function createIndexSink(o: IndexSinkOptions): BufferedSink {
  const cluster = new AuditCluster(o);
  return new BufferedSink({
    name: 'index',
    maxQueue: o.maxQueue,
    batchSize: o.bulkSize,
    flushIntervalMs: o.flushIntervalMs,
    overflow: o.overflow,
    log: o.log,
    closeTimeoutMs: o.closeTimeoutMs,
    deliver: (batch) => cluster.index(batch),
    release: () => cluster.close(),
  });
}

class AuditCluster {
  readonly #o: IndexSinkOptions;
  readonly #targets: { origin: string; dispatcher: Dispatcher }[];
  readonly #owned: Pool[] = [];
  readonly #prefix: string;
  #next = 0;
  #templateInstalled = false;

  constructor(o: IndexSinkOptions) {
    if (o.urls.length === 0) throw new Error('the audit index output needs at least one cluster url');
    this.#o = o;
    this.#prefix = o.indexPrefix ?? AUDIT_INDEX_PREFIX;
    this.#targets = o.urls.map((u) => {
      const origin = new URL(u).origin;
      return { origin, dispatcher: o.dispatcher ?? this.#pool(origin) };
    });
  }

  async index(batch: readonly AuditEvent[]) {
    await this.#ensureTemplate();
    const reply = await this.#call('POST', '/_bulk', bulkBody(batch, this.#prefix), 'application/x-ndjson');
    const outcome = bulkOutcome(batch, reply);
    if (outcome.errors.length > 0) {
      this.#o.log.error({ sink: 'index', rejected: outcome.errors.length, first: outcome.errors[0] }, 'the cluster refused audit events');
    }
    return outcome;
  }

  async close(): Promise<void> {
    await Promise.all(this.#owned.map((p) => p.close().catch(() => undefined)));
  }

  /** Installs the template before the first write; a refusal is logged once and indexing goes on (dynamic mappings). */
  async #ensureTemplate(): Promise<void> {
    if (this.#templateInstalled) return;
    try {
      await this.#call('PUT', `/_index_template/${AUDIT_TEMPLATE_NAME}`, JSON.stringify(auditIndexTemplate(this.#prefix)), 'application/json');
    } catch (e) {
      if (!(e instanceof HttpStatusError) || e.status >= 500 || e.status === 429) throw e;
      this.#o.log.error({ sink: 'index', status: e.status, reason: e.message }, 'could not install the audit index template; indexing with dynamic mappings');
    }
    this.#templateInstalled = true;
  }

  async #call(method: Dispatcher.HttpMethod, path: string, body: string, contentType: string): Promise<unknown> {
    const target = this.#targets[this.#next];
    const headers: Record<string, string> = { 'content-type': contentType, accept: 'application/json' };
    if (this.#o.authorization) headers.authorization = this.#o.authorization.reveal();
    let res: Dispatcher.ResponseData;
    try {
      res = await target.dispatcher.request({
        origin: target.origin,
        method,
        path,
        headers,
        body,
        headersTimeout: this.#o.timeoutMs ?? 30_000,
        bodyTimeout: this.#o.timeoutMs ?? 30_000,
      });
    } catch (e) {
      this.#next = (this.#next + 1) % this.#targets.length; // the next cluster url takes the retry
      throw e;
    }
    const text = await res.body.text();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new HttpStatusError(res.statusCode, reasonOf(text));
    return text ? JSON.parse(text) : null;
  }

  #pool(origin: string): Pool {
    const tls = this.#o.tls ?? {};
    const pool = new Pool(origin, {
      connections: 2,
      connect: {
        timeout: 10_000,
        ...(tls.caPem === undefined ? {} : { ca: tls.caPem }),
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        ...(tls.verifyHostname === false ? { checkServerIdentity: () => undefined } : {}),
      },
    });
    this.#owned.push(pool);
    return pool;
  }
}

export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  readonly status: number;
  constructor(status: number, reason: string) {
    super(`HTTP ${status}: ${reason}`);
    this.status = status;
  }
}

/** The error reason of an ES-shaped reply, without echoing anything else of it. */
function reasonOf(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: { type?: string; reason?: string } | string };
    if (typeof j.error === 'string') return j.error.slice(0, 300);
    if (j.error) return `${j.error.type ?? 'error'}: ${j.error.reason ?? ''}`.slice(0, 300);
  } catch {
    /* not JSON */
  }
  return text.slice(0, 120);
}
