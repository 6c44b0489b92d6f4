import { readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Settings } from './config/load.ts';
import { SettingsError } from './config/load.ts';
import type { Secret } from './core/secret.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';
import { parseHashAlgorithm, type HashAlgorithm } from './authc/hashing/index.ts';
import { REALM_TYPES, cacheSettings } from './authc/realms/registry.ts';
import { ReservedRealm } from './authc/realms/reserved/reserved-realm.ts';
import { AuthenticatorChain } from './authc/chain.ts';
import type { Realm } from './authc/realm.ts';
import { UserManagement } from './authc/users/user-management.ts';
import { bootstrapElastic, type BootstrapResult } from './authc/bootstrap.ts';
import { buildAuthorization } from './authz/authz-setup.ts';
import { Router } from './api/router.ts';
import { ROUTES, SERVED_PREFIXES } from './api/routes.ts';
import { Upstream } from './proxy/upstream.ts';
import { Pipeline } from './http/pipeline.ts';
import { buildForwarding } from './proxy/forward-setup.ts';
import { createServer, edgeLimits, listen, parseListen, type TlsOptions } from './http/server.ts';
import { ensureTlsMaterial, type TlsMaterial } from './http/tls/index.ts';
import { parseByteSize } from './lib/byte-size.ts';
import { apiKeySettings } from './authc/api-keys/api-key-settings.ts';
import { ApiKeyAuthenticator } from './authc/api-keys/api-key-authenticator.ts';
import { ApiKeyService } from './authc/api-keys/api-key-service.ts';
import { startApiKeyRetention } from './authc/api-keys/retention.ts';
import type { DescriptorParser } from './authc/api-keys/api-key-requests.ts';
import type { ApiKeyServices, GrantAction } from './api/services.ts';
import { ProfileService } from './authc/profiles/profile-service.ts';
import type { Credentials, RequestInfo } from './core/request.ts';
import type { PermissionSource } from './authz/permission.ts';
import { createAuditTrail, type AuditTrail } from './audit/index.ts';
import { serviceAuthorization } from './proxy/headers.ts';
import { EsError } from './core/errors.ts';
import { parseRoleDescriptor } from './authz/roles/role-descriptor-parser.ts';
import { makeUser, type User } from './core/user.ts';
import { TokenService } from './authc/tokens/token-service.ts';
import { WatchedFile } from './authc/realms/file/watched-file.ts';
import { parseServiceTokensFile } from './authc/service-accounts/service-tokens-file.ts';
import { ServiceAccountAuthenticator } from './authc/service-accounts/service-account-authenticator.ts';
import { ServiceAccountService } from './authc/service-accounts/service-account-service.ts';
import type { CacheSettings } from './authc/cache/caching-authenticator.ts';
import { TokenAuthenticator } from './authc/tokens/token-authenticator.ts';
import { followStoreChanges } from './authc/store-changes.ts';
import { faceServices } from './face-setup.ts';
import { createEnrollmentApiKey, encodeEnrollmentToken, tokenAddresses } from './authc/enrollment/enrollment-token.ts';
import { watchUpstream } from './proxy/upstream-probe.ts';

export interface AppOptions {
  readonly settings: Settings;
  readonly log: Logger;
  /** `ELASTIC_PASSWORD`: the `elastic` password to set on first start instead of a generated one. */
  readonly elasticPassword?: Secret;
  readonly clock?: Clock;
}

export interface RunningApp {
  readonly url: string;
  readonly bootstrap: BootstrapResult;
  /** The generated TLS material, when the gateway made or reused its own. */
  readonly tls: TlsMaterial | null;
  /** The enroll API's state; `kibanaToken` is made on the first start only, when enrollment is on. */
  readonly enrollment: { readonly enabled: boolean; readonly kibanaToken: Secret | null };
  close(): Promise<void>;
}

/** The composition root: the only place services are built and wired. */
export async function startApp(opts: AppOptions): Promise<RunningApp> {
  const { settings, log } = opts;
  const clock = opts.clock ?? systemClock;
  const dataPath = resolve(settings.get<string>('portcullis.data.path'));
  const listenAt = parseListen(settings.get<string>('portcullis.listen'));
  if (!listenAt) throw new SettingsError(`invalid value for setting [portcullis.listen] in [${settings.source}]: expected host:port`);
  const maxContentLength = parseByteSize(settings.get<string>('portcullis.http.max_content_length'));
  if (maxContentLength === null) throw new SettingsError(`invalid value for setting [portcullis.http.max_content_length] in [${settings.source}]: expected a size such as 100mb`);
  const passwordHasher = hashAlgorithmAt(settings, 'xpack.security.authc.password_hashing.algorithm');

  const store = new SqliteStore(join(dataPath, 'security.db'));
  try {
    const realms = buildRealms(settings, store, clock, log);
    const keySettings = apiKeySettings(settings);
    const apiKeyAuthenticator = new ApiKeyAuthenticator(store, keySettings, clock);
    const tokensEnabled = settings.get<boolean | undefined>('xpack.security.authc.token.enabled') ?? settings.get<boolean>('xpack.security.http.ssl.enabled');
    const tokenService = new TokenService(store, clock, settings.get<number>('xpack.security.authc.token.timeout'));
    const serviceTokensFile = new WatchedFile({
      path: join(settings.configDir, 'service_tokens'),
      parse: parseServiceTokensFile,
      empty: new Map<string, string>(),
      log: log.child({ file: 'service_tokens' }),
      onChange: () => serviceAccountAuthenticator.clearCache('*'),
    });
    const serviceAccountAuthenticator = new ServiceAccountAuthenticator(store, serviceTokensFile, serviceTokenCache(settings), clock);
    const serviceAccounts = new ServiceAccountService({
      store,
      file: serviceTokensFile,
      hasher: hashAlgorithmAt(settings, 'xpack.security.authc.service_token_hashing.algorithm'),
      clock,
      onChange: (account, names) => serviceAccountAuthenticator.clearCache(account, names),
    });
    const anonymous = anonymousUser(settings);
    const chain = new AuthenticatorChain([serviceAccountAuthenticator, new TokenAuthenticator(tokenService, tokensEnabled), apiKeyAuthenticator], realms, { challenges: challenges(settings), anonymous });
    const authz = buildAuthorization(store, settings.configDir, log, anonymous?.roles);
    const roleResolver = authz.resolver;
    const node = nodeIdentity(dataPath);
    const audit = createAuditTrail(settings, {
      log,
      clock,
      node,
      cluster: {
        urls: settings.get<string[]>('portcullis.upstream.url'),
        authorization: serviceAuthorization({
          username: settings.get<string | undefined>('portcullis.upstream.username'),
          password: settings.get<Secret | undefined>('portcullis.upstream.password'),
          apiKey: settings.get<Secret | undefined>('portcullis.upstream.api_key'),
        }),
        tls: upstreamTls(settings),
      },
    });
    const apiKeys = apiKeyServices(
      chain,
      audit,
      new ApiKeyService({ store, roles: roleResolver, rolesOf: (a) => authz.engine.rolesOf(a), clock, settings: keySettings, onChange: (ids) => apiKeyAuthenticator.invalidate(ids) }),
      apiKeyAuthenticator,
      authz.engine,
    );
    const stopRetention = startApiKeyRetention(store, clock, log, keySettings.retentionMs, keySettings.deleteIntervalMs);
    const userRealms = realms.filter((r) => r.type === 'native' || r.type === 'reserved').map((r) => r.name);
    const users = new UserManagement(store, (usernames) => chain.clearCache(userRealms, usernames));
    const stopWatching = store.watchExternalChanges(
      followStoreChanges({
        clearUsers: (usernames) => chain.clearCache(userRealms, usernames),
        clearApiKeys: (ids) => apiKeyAuthenticator.invalidate(ids),
        clearServiceTokens: (account, names) => serviceAccountAuthenticator.clearCache(account, names),
        clearRealms: () => chain.clearCache('*'),
      }),
    );
    const bootstrap = await bootstrapElastic(store, passwordHasher, opts.elasticPassword);

    const tlsEnabled = settings.get<boolean>('xpack.security.http.ssl.enabled');
    const material = tlsEnabled && !customTls(settings) ? await ensureTlsMaterial(dataPath) : null;
    const tls = tlsEnabled ? tlsOptions(settings, material) : null;
    // Unset, enrollment is on exactly when the gateway made its own TLS material: ES's auto-configuration turns it on.
    const enrollmentEnabled = settings.get<boolean | undefined>('xpack.security.enrollment.enabled') ?? material !== null;
    const httpCaPem = material ? readFileSync(material.caCertPath, 'utf8') : null;

    const upstream = new Upstream({
      urls: settings.get<string[]>('portcullis.upstream.url'),
      username: settings.get<string | undefined>('portcullis.upstream.username'),
      password: settings.get<Secret | undefined>('portcullis.upstream.password'),
      apiKey: settings.get<Secret | undefined>('portcullis.upstream.api_key'),
      connectTimeoutMs: settings.get<number>('portcullis.upstream.timeout.connect'),
      headersTimeoutMs: settings.get<number>('portcullis.upstream.timeout.response'),
      bodyTimeoutMs: settings.get<number>('portcullis.upstream.timeout.body'),
      connections: settings.get<number>('portcullis.upstream.connections'),
      tls: upstreamTls(settings),
      addProductHeader: true,
    });
    const forwarding = buildForwarding(upstream, authz.engine, chain, { maxContentLength, clock, responseCheck: responseCheckSettings(settings, log) });
    const pipeline = new Pipeline({
      chain,
      router: new Router(ROUTES, SERVED_PREFIXES),
      services: {
        chain,
        users,
        authorizer: authz.engine,
        authz: authz.services,
        passwordHasher,
        node,
        apiKeys,
        tokens: { enabled: tokensEnabled, service: tokenService },
        serviceAccounts,
        profiles: new ProfileService({ store, clock }),
        face: faceServices(settings, { upstream, clock, realms, node, dataPath, tokensEnabled, fileRoles: authz.fileRoles }),
        enrollment: { enabled: enrollmentEnabled, httpCaPem },
      },
      log,
      maxContentLength,
      maxInitialLineLength: parseByteSize(settings.get<string>('http.max_initial_line_length')) ?? undefined,
      anonymousAuthzException: settings.get<boolean>('xpack.security.authc.anonymous.authz_exception'),
      audit,
      forwarder: forwarding.forwarder,
      runAs: forwarding.runAs,
    });
    const server = createServer(tls, pipeline.handle, edgeLimits(settings), log);
    const address = await listen(server, listenAt.host, listenAt.port);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${tls ? 'https' : 'http'}://${host}:${address.port}`;
    const firstStart = bootstrap.created || material?.created === true;
    const kibanaToken =
      firstStart && enrollmentEnabled && material
        ? encodeEnrollmentToken({
            version: settings.get<string>('portcullis.elasticsearch.version'),
            addresses: tokenAddresses(listenAt.host, address.port),
            fingerprint: material.caFingerprint,
            apiKey: await createEnrollmentApiKey(store, keySettings.hashing, clock, 'kibana'),
          })
        : null;
    const stopProbe = watchUpstream({
      urls: settings.get<string[]>('portcullis.upstream.url'),
      log: log.child({ file: 'upstream' }),
      tls: upstreamTls(settings),
      timeoutMs: settings.get<number>('portcullis.upstream.timeout.connect'),
    });
    const close = () => {
      stopProbe();
      stopWatching();
      stopRetention();
      authz.stop();
      serviceTokensFile.close();
      for (const realm of realms) realm.close?.();
      return shutdown(server, upstream, store, audit);
    };
    return { url, bootstrap, tls: material, enrollment: { enabled: enrollmentEnabled, kibanaToken }, close };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** The actions whose bodies carry a grant's credentials, as ES's audit names them. */
const GRANT_ACCESS = {
  api_key: { action: 'cluster:admin/xpack/security/api_key/grant', requestName: 'GrantApiKeyRequest' },
  token: { action: 'cluster:admin/xpack/security/token/create', requestName: 'CreateTokenRequest' },
  profile: { action: 'cluster:admin/xpack/security/profile/activate', requestName: 'ActivateProfileRequest' },
} as const;

/** API keys' `role_descriptors` are parsed and validated exactly as roles are (ES's RoleDescriptor parser). */
const parseDescriptor: DescriptorParser = (name, json) => parseRoleDescriptor(name, json, { forApiKey: true });

function apiKeyServices(chain: AuthenticatorChain, audit: AuditTrail, service: ApiKeyService, authenticator: ApiKeyAuthenticator, permissions: PermissionSource): ApiKeyServices {
  /** Authenticates a grant's credentials through the chain (audited as ES does), then applies `run_as` if the subject may. */
  const grantee = async (credentials: Credentials, request: RequestInfo, grant: GrantAction, runAs?: string) => {
    const outcome = await chain.authenticate(credentials, request);
    if (!outcome.ok) {
      audit.grantAuthenticationFailed(request, credentials.kind === 'basic' ? credentials.username : null, outcome, GRANT_ACCESS[grant]);
      throw outcome.error;
    }
    const subject = outcome.authentication;
    if (runAs === undefined) return subject;
    const denied = () =>
      new EsError(
        'forbidden',
        // ES's words: the run-as is checked as the grant's authentication of its user.
        `action [cluster:admin/xpack/security/user/authenticate] is unauthorized for user [${subject.user.username}] with effective roles [${subject.user.roles.join(',')}], because user [${subject.user.username}] is unauthorized to run as [${runAs}]`,
        { action: 'cluster:admin/xpack/security/api_key/grant' },
      );
    if (!(await permissions.permissionFor(subject)).runAs(runAs)) throw denied();
    const found = await chain.lookupUser(runAs);
    if (!found) throw denied();
    return { ...subject, user: found.user, lookedUpBy: { name: found.realm.name, type: found.realm.type }, authenticatingUser: subject.user };
  };
  return {
    service,
    parseDescriptor,
    clearCache: (ids) => authenticator.invalidate(ids),
    authenticateGrantee: (username, password, request, grant, runAs) => grantee({ kind: 'basic', username, password }, request, grant, runAs),
    authenticateGranteeToken: (token, request, runAs, grant = 'api_key') => grantee({ kind: 'bearer', token }, request, grant, runAs),
  };
}

/** ES's anonymous user: enabled when `xpack.security.authc.anonymous.roles` is not empty. */
function anonymousUser(settings: Settings): User | undefined {
  const roles = settings.get<string[]>('xpack.security.authc.anonymous.roles');
  if (roles.length === 0) return undefined;
  return makeUser(settings.get<string>('xpack.security.authc.anonymous.username'), { roles, metadata: { _reserved: true } });
}

function serviceTokenCache(settings: Settings): CacheSettings {
  const p = 'xpack.security.authc.service_token.cache.';
  return { ttlMs: settings.get<number>(p + 'ttl'), maxUsers: settings.get<number>(p + 'max_tokens'), hashAlgo: hashAlgorithmAt(settings, p + 'hash_algo') };
}

function hashAlgorithmAt(settings: Settings, key: string): HashAlgorithm {
  const name = settings.get<string>(key);
  const algo = parseHashAlgorithm(name);
  if (!algo) throw new SettingsError(`invalid value for setting [${key}] in [${settings.source}]: unknown hashing algorithm [${name}]`);
  return algo;
}

function buildRealms(settings: Settings, store: SqliteStore, clock: Clock, log: Logger): Realm[] {
  const realms: Realm[] = [];
  if (settings.get<boolean>('xpack.security.authc.reserved_realm.enabled')) {
    realms.push(new ReservedRealm(store, cacheSettings(new Map(), 'reserved'), clock));
  }
  for (const config of settings.realms) {
    if (!config.enabled) continue;
    try {
      realms.push(REALM_TYPES[config.type].create(config, { store, clock, configDir: settings.configDir, log }));
    } catch (e) {
      throw new SettingsError(`${(e as Error).message} in [${settings.source}]`);
    }
  }
  return realms;
}

/** WWW-Authenticate challenges in ES's order. Bearer defaults to on when HTTP TLS is on, as in ES. */
function challenges(settings: Settings): string[] {
  const out = ['Basic realm="security", charset="UTF-8"'];
  const token = settings.get<boolean | undefined>('xpack.security.authc.token.enabled') ?? settings.get<boolean>('xpack.security.http.ssl.enabled');
  if (token) out.push('Bearer realm="security"');
  if (settings.get<boolean>('xpack.security.authc.api_key.enabled')) out.push('ApiKey');
  return out;
}

function customTls(settings: Settings): boolean {
  return settings.get('xpack.security.http.ssl.certificate') !== undefined || settings.get('xpack.security.http.ssl.keystore.path') !== undefined;
}

function tlsOptions(settings: Settings, material: TlsMaterial | null): TlsOptions {
  const base = settings.configDir;
  const read = (p: string) => readFileSync(resolve(base, p));
  const clientAuthentication = settings.get<'none' | 'optional' | 'required'>('xpack.security.http.ssl.client_authentication');
  const ca = settings.get<string[] | undefined>('xpack.security.http.ssl.certificate_authorities')?.map((p) => read(p).toString('utf8'));
  try {
    if (material) return { cert: readFileSync(material.certPath, 'utf8'), key: readFileSync(material.keyPath, 'utf8'), ca, clientAuthentication };
    const keystore = settings.get<string | undefined>('xpack.security.http.ssl.keystore.path');
    if (keystore) {
      return { pfx: read(keystore), passphrase: settings.get<Secret | undefined>('xpack.security.http.ssl.keystore.password')?.reveal(), ca, clientAuthentication };
    }
    const key = settings.get<string | undefined>('xpack.security.http.ssl.key');
    if (!key) throw new SettingsError(`setting [xpack.security.http.ssl.key] is required with [xpack.security.http.ssl.certificate] in [${settings.source}]`);
    return {
      cert: read(settings.get<string>('xpack.security.http.ssl.certificate')).toString('utf8'),
      key: read(key).toString('utf8'),
      passphrase: settings.get<Secret | undefined>('xpack.security.http.ssl.key_passphrase')?.reveal(),
      ca,
      clientAuthentication,
    };
  } catch (e) {
    if (e instanceof SettingsError) throw e;
    throw new SettingsError(`cannot read the HTTP TLS files configured in [${settings.source}]: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function upstreamTls(settings: Settings) {
  const cas = settings.get<string[] | undefined>('portcullis.upstream.ssl.certificate_authorities');
  const mode = settings.get<string>('portcullis.upstream.ssl.verification_mode');
  return {
    caPem: cas?.map((p) => readFileSync(resolve(settings.configDir, p), 'utf8')).join('\n'),
    rejectUnauthorized: mode !== 'none',
    verifyHostname: mode === 'full',
  };
}

function nodeIdentity(dataPath: string) {
  const id = createHash('sha256').update(dataPath).digest('base64url').slice(0, 22);
  return { id, name: 'portcullis', clusterName: 'portcullis' };
}

async function shutdown(server: Server, upstream: Upstream, store: SqliteStore, audit: AuditTrail): Promise<void> {
  await new Promise<void>((r) => {
    server.close(() => r());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
  await audit.close();
  await upstream.close();
  await store.close();
}

/** The response check's settings; switching it off (benchmarks) is said loudly. */
function responseCheckSettings(settings: Settings, log: Logger): { enabled: boolean; maxBytes: number; warn: (fields: Record<string, unknown>, message: string) => void } {
  const key = 'portcullis.forward.max_checked_response_size';
  const maxBytes = parseByteSize(settings.get<string>(key));
  if (maxBytes === null) throw new SettingsError(`invalid value for setting [${key}] in [${settings.source}]: expected a size such as 100mb`);
  const enabled = !settings.get<boolean>('portcullis.internal.bench.disable_response_check');
  if (!enabled) log.warn('the response check is OFF (portcullis.internal.bench.disable_response_check): answers of read APIs are not checked; for benchmarks only');
  const warn = log.child({ file: 'response_check' });
  return { enabled, maxBytes, warn: (fields, message) => warn.warn(fields, message) };
}
