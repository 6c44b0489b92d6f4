import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { followStoreChanges, type AuthcCaches } from './store-changes.ts';

function recorder() {
  const calls: string[] = [];
  const caches: AuthcCaches = {
    clearUsers: (u) => calls.push(`users:${u?.join(',') ?? '*'}`),
    clearApiKeys: (ids) => calls.push(`keys:${ids?.join(',') ?? '*'}`),
    clearServiceTokens: (a, names) => calls.push(`service:${a}:${names?.join(',') ?? '*'}`),
    clearRealms: () => calls.push('realms'),
  };
  return { calls, follow: followStoreChanges(caches) };
}

describe('followStoreChanges', () => {
  it('drops exactly the records another process changed', () => {
    const { calls, follow } = recorder();
    follow([
      { kind: 'api_key', id: 'k1' },
      { kind: 'user', id: 'joe' },
      { kind: 'reserved_user', id: 'elastic' },
      { kind: 'service_token', id: 'elastic/fleet-server/t1' },
      { kind: 'token', id: 'hash' },
      { kind: 'api_key', id: 'k1' },
    ]);
    assert.deepEqual(calls, ['users:joe,elastic', 'keys:k1', 'service:elastic/fleet-server:t1']);
  });

  it('drops everything on "all"', () => {
    const { calls, follow } = recorder();
    follow('all');
    assert.deepEqual(calls, ['realms', 'keys:*', 'service:*:*']);
  });

  it('does nothing for role changes (the authorization engine follows those)', () => {
    const { calls, follow } = recorder();
    follow([{ kind: 'role', id: 'r' }, { kind: 'app_privilege', id: 'a/b' }]);
    assert.deepEqual(calls, []);
  });
});
