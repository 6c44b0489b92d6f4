/**
 * Between test cases, remove what the tests created, as Elasticsearch's runner does by wiping the
 * cluster (its `.security` index included).
 *
 * Through the gateway (cleanSecurity): native users and roles (reserved ones and the admin stay),
 * role mappings, application privileges, index-backed service tokens, API keys; indices, data
 * streams and index templates (cleanData, through the gateway as the admin, or cleanIndices straight
 * on a known upstream). APIs the gateway does not serve yet (404/405/501) are passed over. API keys
 * cannot be deleted through the API, only invalidated, and invalidated keys stay visible: when any
 * exist the result says `dirty`, and the caller starts a fresh gateway when it can.
 *
 * On the reference Elasticsearch (resetReference): what Elastic's runner does — delete data streams,
 * indices and index templates, then `POST /_features/_reset`, which empties the security index
 * (native users, roles, mappings, API keys, tokens, privileges, profiles); the file realm stays.
 */
import type { Client } from '@elastic/elasticsearch';
import { ADMIN_USER } from './cluster-files.ts';
import { isMap } from './values.ts';

export interface CleanupResult {
  notes: string[];
  /** State remains that only a fresh gateway removes. */
  dirty: boolean;
}

const NOT_SERVED = new Set([400, 404, 405, 410, 501]);

interface Api {
  get(path: string): Promise<unknown>;
  post(path: string): Promise<unknown>;
  send(method: string, path: string, body?: unknown): Promise<void>;
}

function api(client: Client, authorization: string, notes: string[]): Api {
  const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    try {
      const r = await client.transport.request({ method, path, body: body as Record<string, unknown> | undefined }, { headers: { authorization }, meta: true });
      return r.body;
    } catch (e) {
      const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (status !== undefined && NOT_SERVED.has(status)) return undefined;
      notes.push(`cleanup ${method} ${path}: ${status ?? ''} ${(e as Error).message}`.slice(0, 300));
      return undefined;
    }
  };
  return { get: (path) => request('GET', path), post: (path) => request('POST', path), send: async (method, path, body) => void (await request(method, path, body)) };
}

const enc = encodeURIComponent;
const reserved = (v: unknown) => isMap(v) && isMap(v.metadata) && v.metadata._reserved === true;

export async function cleanSecurity(client: Client, authorization: string): Promise<CleanupResult> {
  const notes: string[] = [];
  const a = api(client, authorization, notes);
  const users = await a.get('/_security/user');
  for (const [name, u] of Object.entries(isMap(users) ? users : {})) {
    if (name !== ADMIN_USER && !reserved(u)) await a.send('DELETE', `/_security/user/${enc(name)}`);
  }
  const roles = await a.get('/_security/role');
  for (const [name, r] of Object.entries(isMap(roles) ? roles : {})) if (!reserved(r)) await a.send('DELETE', `/_security/role/${enc(name)}`);
  const mappings = await a.get('/_security/role_mapping');
  for (const name of Object.keys(isMap(mappings) ? mappings : {})) await a.send('DELETE', `/_security/role_mapping/${enc(name)}`);
  const privileges = await a.get('/_security/privilege');
  for (const [app, p] of Object.entries(isMap(privileges) ? privileges : {})) {
    const names = Object.keys(isMap(p) ? p : {});
    if (names.length) await a.send('DELETE', `/_security/privilege/${enc(app)}/${names.map(enc).join(',')}`);
  }
  await cleanServiceTokens(a);
  const dirty = await cleanApiKeys(a);
  return { notes, dirty };
}

async function cleanServiceTokens(a: Api): Promise<void> {
  const accounts = await a.get('/_security/service');
  for (const account of Object.keys(isMap(accounts) ? accounts : {})) {
    const creds = await a.get(`/_security/service/${account.split('/').map(enc).join('/')}/credential`);
    const tokens = isMap(creds) && isMap(creds.tokens) ? Object.keys(creds.tokens) : [];
    for (const t of tokens) await a.send('DELETE', `/_security/service/${account.split('/').map(enc).join('/')}/credential/token/${enc(t)}`);
  }
}

/** Invalidates every valid key; true when any key (valid or not) is still listed. */
async function cleanApiKeys(a: Api): Promise<boolean> {
  const listed = await a.get('/_security/api_key');
  const keys = isMap(listed) && Array.isArray(listed.api_keys) ? listed.api_keys.filter(isMap) : [];
  const valid = keys.filter((k) => k.invalidated !== true).map((k) => String(k.id));
  if (valid.length) await a.send('DELETE', '/_security/api_key', { ids: valid });
  return keys.length > 0;
}

/** Deletes every index not starting with a dot, straight on the upstream cluster. */
export async function cleanIndices(upstreamUrl: string): Promise<string[]> {
  try {
    const res = await fetch(`${upstreamUrl}/_cat/indices?format=json&h=index&expand_wildcards=all`, { signal: AbortSignal.timeout(30_000) });
    const rows = (await res.json()) as { index: string }[];
    const names = rows.map((r) => r.index).filter((n) => !n.startsWith('.'));
    if (names.length === 0) return [];
    const del = await fetch(`${upstreamUrl}/${names.map(enc).join(',')}?expand_wildcards=all`, { method: 'DELETE', signal: AbortSignal.timeout(30_000) });
    return del.ok ? [] : [`cleanup: deleting indices [${names.join(',')}] answered ${del.status} ${(await del.text()).slice(0, 200)}`];
  } catch (e) {
    return [`cleanup: indices: ${(e as Error).message}`];
  }
}

/** Deletes data streams, indices not starting with a dot and index templates through the API (the gateway's or the reference's). */
export async function cleanData(client: Client, authorization: string): Promise<string[]> {
  const notes: string[] = [];
  const a = api(client, authorization, notes);
  await a.send('DELETE', '/_data_stream/*?expand_wildcards=all');
  const rows = await a.get('/_cat/indices?format=json&h=index&expand_wildcards=all');
  const names = (Array.isArray(rows) ? rows : []).map((r) => String((r as { index?: unknown }).index)).filter((n) => !n.startsWith('.'));
  // by name: action.destructive_requires_name stays at its default
  if (names.length) await a.send('DELETE', `/${names.map(enc).join(',')}?expand_wildcards=all`);
  const templates = await a.get('/_index_template');
  const listed = isMap(templates) && Array.isArray(templates.index_templates) ? templates.index_templates.filter(isMap) : [];
  // one by one, as Elastic's runner: a built-in template in use stays
  for (const t of listed) if (!String(t.name).startsWith('.')) await a.send('DELETE', `/_index_template/${enc(String(t.name))}`);
  return notes;
}

/** Elastic's runner's wipe of the reference Elasticsearch: its data, then every system feature's state (security included). */
export async function resetReference(client: Client, authorization: string): Promise<string[]> {
  const notes = await cleanData(client, authorization);
  const a = api(client, authorization, notes);
  const reset = await a.post('/_features/_reset');
  if (!isMap(reset) || !Array.isArray(reset.features)) notes.push(`cleanup: POST /_features/_reset did not answer its features: ${JSON.stringify(reset)?.slice(0, 200)}`);
  await a.get('/_cluster/health?wait_for_status=yellow&timeout=30s');
  return notes;
}
