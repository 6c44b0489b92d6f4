// What each probe step must print: Elasticsearch's answers (checked against a real Elasticsearch 9 with
// test/clients/reference.ts), as each client surfaces them.
import assert from 'node:assert/strict';
import type { Language } from './toolchains.ts';

export const USER_PASSWORD = 'probe-user-password';
/** The class each client throws for an Elasticsearch error answer, by status. */
const ERROR_CLASS: Record<Language, { 401: string; 403: string }> = {
  python: { 401: 'AuthenticationException', 403: 'AuthorizationException' },
  go: { 401: '*types.ElasticsearchError', 403: '*types.ElasticsearchError' },
  java: { 401: 'ElasticsearchException', 403: 'ElasticsearchException' },
  js: { 401: 'ResponseError', 403: 'ResponseError' },
};

export type Steps = Record<string, any>;

/** What each step must print, for the probe run with prefix p (the API key id is the one the probe created). */
function expected(language: Language, p: string, keyId: string): Steps {
  const user = `${p}-user`, role = `${p}-role`, index = `${p}-docs`;
  const key = { id: keyId, name: `${p}-key`, username: user, invalidated: false };
  const error = (status: 401 | 403, reason: string) => ({ error: { class: ERROR_CLASS[language][status], status, type: 'security_exception', reason } });
  return {
    authenticate_basic: { username: 'elastic', roles: ['superuser'], authentication_type: 'realm' },
    put_role: { created: true },
    put_user: { created: true },
    get_user: { username: user, roles: [role], full_name: 'Probe User', enabled: true },
    authenticate_user: { username: user, roles: [role], authentication_type: 'realm' },
    create_api_key: { id: keyId, name: `${p}-key`, encoded_present: true },
    authenticate_api_key: { username: user, roles: [], authentication_type: 'api_key', api_key: { id: keyId, name: `${p}-key` } },
    get_api_key_owner: { count: 1, keys: [key] },
    get_api_key_self: { count: 1, keys: [key] },
    get_token: { type: 'Bearer', access_token_present: true, refresh_token_present: true, username: user },
    authenticate_token: { username: user, roles: [role], authentication_type: 'token' },
    create_index: { acknowledged: true, index },
    index: { result: 'created', id: '1' },
    bulk: { errors: false, results: ['created', 'created'] },
    search: { total: 3, ids: ['1', '2', '3'] },
    has_privileges: { username: user, has_all_requested: false, cluster: { monitor: true, manage_security: false }, index: { [index]: { read: true, delete_index: false } } },
    error_401: error(401, `unable to authenticate user [${user}] for REST request [/_security/_authenticate]`),
    error_403: error(403, `action [cluster:admin/xpack/security/user/put] is unauthorized for user [${user}] with effective roles [${role}], this action is granted by the cluster privileges [manage_security,all]`),
    invalidate_api_key: { invalidated: [keyId], error_count: 0 },
    authenticate_invalidated_key: error(401, 'unable to authenticate with provided credentials and anonymous access is not allowed for this request'),
    cleanup: { index: true, user: true, role: true },
  };
}

/** Every step that differs from what it must be, with both sides (all of them, not only the first). */
export function mismatches(language: Language, p: string, steps: Steps): string[] {
  const found: string[] = [];
  const info = steps.info ?? {};
  const major = Number(String(info.number).split('.')[0]);
  if (info.build_flavor !== 'default' || info.tagline !== 'You Know, for Search' || !/^\d+\.\d+\.\d+$/.test(info.number) || major < 8) {
    found.push(`info: ${JSON.stringify(info)} (expected an Elasticsearch >= 8 version, build_flavor default, ES's tagline)`);
  }
  const want = expected(language, p, steps.create_api_key?.id ?? '?');
  for (const [name, value] of Object.entries(want)) {
    try {
      assert.deepStrictEqual(steps[name], value);
    } catch {
      found.push(`${name}: ${JSON.stringify(steps[name])}\n    expected ${JSON.stringify(value)}`);
    }
  }
  return found;
}
