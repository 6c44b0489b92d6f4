/**
 * The cluster under test, one of three:
 * - managed: an upstream (OpenSearch, or Elasticsearch with security off) and the gateway in front of
 *   it, each fresh for the run (or a running upstream given by URL);
 * - gateway: a running gateway given by URL (no restarts);
 * - reference: a running Elasticsearch with its own security (tools/es-ref.sh), no gateway at all.
 */
import type { Client } from '@elastic/elasticsearch';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start as startElasticsearch } from '../support/elasticsearch.ts';
import { start as startOpenSearch } from '../support/opensearch.ts';
import { createClient, type ClientMajor } from './client-call.ts';
import { ADMIN_PASSWORD, ADMIN_USER, ELASTIC_PASSWORD, basicAuth, writeConfigDir } from './cluster-files.ts';
import { startGateway, type GatewayProcess } from './gateway-process.ts';
import { compact, isMap } from './values.ts';

export interface ClusterOptions {
  repoRoot: string;
  /** Scratch dir of this run: config, data dirs and logs go under it. */
  runDir: string;
  /** shared/conformance/es-yaml/_harness */
  harnessDir: string;
  /** The upstream to start (kind), or a running one (url). */
  upstream: { kind?: UpstreamKind; url?: string };
  /** Use this running gateway instead of starting one (no restarts then). */
  gateway?: string;
  /** Run against this reference Elasticsearch (its own security), no gateway. */
  reference?: string;
  client: ClientMajor;
  log(line: string): void;
}

export type UpstreamKind = 'opensearch' | 'elasticsearch';
export type ClusterMode = 'managed' | 'gateway' | 'reference';

/** A started upstream node (test/support/opensearch.ts, test/support/elasticsearch.ts). */
interface Upstream {
  readonly url: string;
  stop(): Promise<void>;
}

export interface Cluster {
  readonly mode: ClusterMode;
  readonly client: Client;
  /** The URL requests go to: the gateway's, or the reference's. */
  readonly gatewayUrl: string;
  readonly upstreamUrl: string | undefined;
  /** The upstream's kind, when known (undefined for the reference and for a gateway whose upstream was not named). */
  readonly upstreamKind: UpstreamKind | undefined;
  readonly configDir: string;
  readonly canRestart: boolean;
  /** Where the admin user authenticated from after provisioning (e.g. default_native, default_file). */
  readonly adminRealm: string;
  readonly gatewayLogs: readonly string[];
  gatewayAlive(): boolean;
  /** Stops the gateway and starts a fresh one (new data dir), provisioned again. */
  restartGateway(): Promise<void>;
  stop(): Promise<void>;
}

export const ADMIN_AUTHORIZATION = basicAuth(ADMIN_USER, ADMIN_PASSWORD);

/** The gateway did not start or could not be provisioned: a product failure, not the harness's. */
export class GatewayStartError extends Error {
  override name = 'GatewayStartError';
}

/** Starts an upstream node of this kind; Elasticsearch comes from test/support/elasticsearch.ts (security off). */
async function startUpstream(kind: UpstreamKind): Promise<Upstream> {
  return kind === 'opensearch' ? startOpenSearch() : startElasticsearch();
}

/** The kind of a running upstream, from its `GET /` (`version.distribution: opensearch`, else Elasticsearch). */
export async function detectUpstreamKind(url: string): Promise<UpstreamKind> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { version?: { distribution?: string } };
  return body.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
}

/** A running reference Elasticsearch: requests go straight to it, as the admin of its file realm. */
async function referenceCluster(opts: ClusterOptions, configDir: string): Promise<Cluster> {
  const url = opts.reference!;
  const client = createClient(url, opts.client);
  const adminRealm = await provisionCluster(client).catch((e: unknown) => {
    throw new GatewayStartError(`the reference Elasticsearch at ${url}: ${(e as Error).message}`);
  });
  return {
    mode: 'reference', client, gatewayUrl: url, upstreamUrl: undefined, upstreamKind: undefined, configDir, canRestart: false, adminRealm, gatewayLogs: [],
    gatewayAlive: () => true,
    restartGateway: async () => {},
    stop: async () => {},
  };
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const configDir = join(opts.runDir, 'config');
  if (opts.reference) return referenceCluster(opts, configDir);
  const configFile = writeConfigDir(configDir, opts.harnessDir);
  let upstream: Upstream | undefined;
  let upstreamKind = opts.upstream.kind;
  if (!opts.upstream.url && !opts.gateway) {
    upstreamKind ??= 'opensearch';
    opts.log(`starting ${upstreamKind}…`);
    upstream = await startUpstream(upstreamKind);
    opts.log(`${upstreamKind} at ${upstream.url}`);
  } else if (opts.upstream.url && !upstreamKind) {
    upstreamKind = await detectUpstreamKind(opts.upstream.url);
  }
  const upstreamUrl = opts.upstream.url ?? upstream?.url;
  let gateway: GatewayProcess | undefined;
  let client: Client;
  let adminRealm = 'unknown';
  const gatewayLogs: string[] = [];
  let generation = 0;

  const launch = async () => {
    generation++;
    const dataDir = join(opts.runDir, `data-${generation}`);
    mkdirSync(dataDir, { recursive: true });
    const logFile = join(opts.runDir, `gateway-${generation}.log`);
    gatewayLogs.push(logFile);
    gateway = await startGateway({ repoRoot: opts.repoRoot, dataDir, configFile, upstream: upstreamUrl!, logFile, env: { ELASTIC_PASSWORD } });
    client = createClient(gateway.url, opts.client);
    adminRealm = await provisionCluster(client);
  };

  const stop = async () => {
    await gateway?.stop();
    await upstream?.stop();
  };

  try {
    if (opts.gateway) {
      client = createClient(opts.gateway, opts.client);
      adminRealm = await provisionCluster(client);
    } else {
      opts.log('starting the gateway…');
      await launch();
      opts.log(`gateway at ${gateway!.url} (log ${gatewayLogs.at(-1)})`);
    }
  } catch (e) {
    await stop();
    throw new GatewayStartError((e as Error).message);
  }

  return {
    mode: opts.gateway ? 'gateway' : 'managed',
    upstreamKind,
    get client() {
      return client;
    },
    get gatewayUrl() {
      return gateway?.url ?? opts.gateway!;
    },
    upstreamUrl,
    configDir,
    canRestart: !opts.gateway,
    get adminRealm() {
      return adminRealm;
    },
    gatewayLogs,
    gatewayAlive: () => (gateway ? gateway.alive() : true),
    async restartGateway() {
      if (opts.gateway) return;
      await gateway?.stop();
      try {
        await launch();
      } catch (e) {
        throw new GatewayStartError((e as Error).message);
      }
    },
    stop,
  };
}

/**
 * Creates the users, roles and files the tests expect of their cluster; returns the admin's realm.
 *
 * The config dir (cluster-files.ts) already holds what Elastic's test cluster has: `users` and
 * `users_roles` with `x_pack_rest_user` in the file realm with role `_es_test_root`, that role in
 * `roles.yml`, the `elastic/fleet-server/token1` line in `service_tokens`, and `elastic`'s bootstrap
 * password comes from ELASTIC_PASSWORD. Until the gateway reads those files (file realm: issue 6,
 * roles: issue 5), the admin is created here through the API as `elastic`, in the native realm, as
 * a superuser. When the file realm lands, the admin authenticates before this call and the call is
 * passed over; then delete the PUT below (the one line to remove).
 */
export async function provisionCluster(client: Client): Promise<string> {
  const admin = await authenticate(client, ADMIN_AUTHORIZATION);
  if (admin.ok) return admin.realm;
  const put = await request(client, 'PUT', `/_security/user/${ADMIN_USER}`, basicAuth('elastic', ELASTIC_PASSWORD), { password: ADMIN_PASSWORD, roles: ['superuser'] });
  const after = await authenticate(client, ADMIN_AUTHORIZATION);
  if (!after.ok) {
    throw new Error(`cannot provision the admin user ${ADMIN_USER}: PUT user as elastic answered ${put.status} ${compact(put.body, 300)}; authenticate answers ${after.status} ${compact(after.body, 300)}`);
  }
  return after.realm;
}

async function authenticate(client: Client, authorization: string): Promise<{ ok: boolean; status: number; body: unknown; realm: string }> {
  const r = await request(client, 'GET', '/_security/_authenticate', authorization);
  const realm = isMap(r.body) && isMap(r.body.authentication_realm) ? String(r.body.authentication_realm.name) : 'unknown';
  return { ok: r.status === 200, status: r.status, body: r.body, realm };
}

async function request(client: Client, method: string, path: string, authorization: string, body?: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const r = await client.transport.request({ method, path, body }, { headers: { authorization }, meta: true });
    return { status: r.statusCode ?? 0, body: r.body };
  } catch (e) {
    const meta = (e as { meta?: { statusCode?: number; body?: unknown } }).meta;
    return { status: meta?.statusCode ?? 0, body: meta?.body ?? (e as Error).message };
  }
}
