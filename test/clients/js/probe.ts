// The official JavaScript client (@elastic/elasticsearch 9.x, or 8.x through the `elasticsearch8` alias) against
// the gateway. Runs the steps of test/clients/README.md and prints one JSON object {client, steps} on stdout.
// Env: PROBE_MAJOR (8|9), PROBE_URL, PROBE_CA (optional), PROBE_ADMIN_USER, PROBE_ADMIN_PASSWORD, PROBE_PREFIX.
import { readFileSync } from 'node:fs';

const env = (name: string): string => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const MAJOR = env('PROBE_MAJOR');
const PACKAGE = MAJOR === '8' ? 'elasticsearch8' : '@elastic/elasticsearch';
// Both majors have the same surface for the calls below; the 9.x types describe both well enough.
const { Client, errors } = (await import(PACKAGE)) as typeof import('@elastic/elasticsearch');
const { version } = JSON.parse(readFileSync(new URL(`../../../node_modules/${PACKAGE}/package.json`, import.meta.url), 'utf8')) as { version: string };

const CA = process.env.PROBE_CA ? readFileSync(process.env.PROBE_CA) : undefined; // unset: plain http
const P = env('PROBE_PREFIX');
const USER = `${P}-user`, PASSWORD = 'probe-user-password', ROLE = `${P}-role`, INDEX = `${P}-docs`;
const steps: Record<string, unknown> = {};
const clients: InstanceType<typeof Client>[] = [];
const state: { key?: { id: string; encoded: string }; token?: string } = {};

type Auth = NonNullable<ConstructorParameters<typeof Client>[0]>['auth'];

function client(auth: Auth) {
  const c = new Client({ node: env('PROBE_URL'), auth, ...(CA ? { tls: { ca: CA } } : {}) });
  clients.push(c);
  return c;
}

async function step(name: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    steps[name] = await fn();
  } catch (e) {
    if (e instanceof errors.ResponseError) {
      const error = (e.body as { error?: { type?: string; reason?: string } } | undefined)?.error;
      steps[name] = { error: { class: e.name, status: e.statusCode, type: error?.type, reason: error?.reason } };
    } else {
      steps[name] = { error: { class: (e as Error).name, message: String((e as Error).message).slice(0, 500) } };
    }
  }
}

const admin = client({ username: env('PROBE_ADMIN_USER'), password: env('PROBE_ADMIN_PASSWORD') });
const user = client({ username: USER, password: PASSWORD });
const keyClient = () => client({ apiKey: state.key!.encoded });

async function authenticate(c: InstanceType<typeof Client>) {
  const r = await c.security.authenticate();
  return { username: r.username, roles: r.roles, authentication_type: r.authentication_type, ...(r.api_key ? { api_key: { id: r.api_key.id, name: r.api_key.name } } : {}) };
}

async function apiKeyRecord(c: InstanceType<typeof Client>, owner?: boolean) {
  const r = await c.security.getApiKey({ id: state.key!.id, ...(owner ? { owner } : {}) });
  return { count: r.api_keys.length, keys: r.api_keys.map((k) => ({ id: k.id, name: k.name, username: k.username, invalidated: k.invalidated })) };
}

await step('info', async () => {
  const r = await admin.info();
  return { number: r.version.number, build_flavor: r.version.build_flavor, tagline: r.tagline };
});
await step('authenticate_basic', () => authenticate(admin));
await step('put_role', async () => ({
  created: (await admin.security.putRole({ name: ROLE, cluster: ['monitor', 'manage_own_api_key'], indices: [{ names: [`${P}-*`], privileges: ['read', 'write', 'create_index', 'view_index_metadata'] }] })).role.created,
}));
await step('put_user', async () => ({ created: (await admin.security.putUser({ username: USER, password: PASSWORD, roles: [ROLE], full_name: 'Probe User' })).created }));
await step('get_user', async () => {
  const u = (await admin.security.getUser({ username: USER }))[USER];
  return { username: u.username, roles: u.roles, full_name: u.full_name, enabled: u.enabled };
});
await step('authenticate_user', () => authenticate(user));
await step('create_api_key', async () => {
  const r = await user.security.createApiKey({ name: `${P}-key` });
  state.key = { id: r.id, encoded: r.encoded };
  return { id: r.id, name: r.name, encoded_present: Boolean(r.encoded) };
});
await step('authenticate_api_key', () => authenticate(keyClient()));
await step('get_api_key_owner', () => apiKeyRecord(user, true));
await step('get_api_key_self', () => apiKeyRecord(keyClient()));
await step('get_token', async () => {
  const r = await admin.security.getToken({ grant_type: 'password', username: USER, password: PASSWORD });
  state.token = r.access_token;
  return { type: r.type, access_token_present: Boolean(r.access_token), refresh_token_present: Boolean(r.refresh_token), username: r.authentication.username };
});
await step('authenticate_token', () => authenticate(client({ bearer: state.token! })));
await step('create_index', async () => {
  const r = await user.indices.create({ index: INDEX, mappings: { properties: { n: { type: 'long' } } } });
  return { acknowledged: r.acknowledged, index: r.index };
});
await step('index', async () => {
  const r = await user.index({ index: INDEX, id: '1', document: { n: 1 }, refresh: true });
  return { result: r.result, id: r._id };
});
await step('bulk', async () => {
  const r = await user.bulk({ operations: [{ index: { _index: INDEX, _id: '2' } }, { n: 2 }, { create: { _index: INDEX, _id: '3' } }, { n: 3 }], refresh: true });
  return { errors: r.errors, results: r.items.map((i) => Object.values(i)[0]!.result) };
});
await step('search', async () => {
  const r = await user.search({ index: INDEX, query: { range: { n: { gte: 1 } } }, sort: [{ n: 'asc' }] });
  return { total: (r.hits.total as { value: number }).value, ids: r.hits.hits.map((h) => h._id) };
});
await step('has_privileges', async () => {
  const r = await user.security.hasPrivileges({ cluster: ['monitor', 'manage_security'], index: [{ names: [INDEX], privileges: ['read', 'delete_index'] }] });
  return { username: r.username, has_all_requested: r.has_all_requested, cluster: r.cluster, index: r.index };
});
await step('error_401', () => client({ username: USER, password: 'a-wrong-password' }).security.authenticate());
await step('error_403', () => user.security.putUser({ username: `${P}-other`, password: 'probe-user-password', roles: [ROLE] }));
await step('invalidate_api_key', async () => {
  const r = await user.security.invalidateApiKey({ ids: [state.key!.id], owner: true });
  return { invalidated: r.invalidated_api_keys, error_count: r.error_count };
});
await step('authenticate_invalidated_key', () => authenticate(keyClient()));
await step('cleanup', async () => ({
  index: (await admin.indices.delete({ index: INDEX })).acknowledged,
  user: (await admin.security.deleteUser({ username: USER })).found,
  role: (await admin.security.deleteRole({ name: ROLE })).found,
}));

await Promise.all(clients.map((c) => c.close()));
console.log(JSON.stringify({ client: `javascript ${PACKAGE} ${version}`, steps }));
