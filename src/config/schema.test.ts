import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CACHING_REALM_SETTINGS, COMMON_REALM_SETTINGS, SETTINGS, coerce, type SettingDef } from './schema.ts';

const def = (type: SettingDef['type']): SettingDef => ({ type });

test('string and secret settings take strings and numbers, as text', () => {
  for (const type of ['string', 'secret'] as const) {
    assert.deepEqual(coerce(def(type), 'abc'), { value: 'abc' });
    assert.deepEqual(coerce(def(type), ''), { value: '' });
    assert.deepEqual(coerce(def(type), 123456), { value: '123456' });
    for (const bad of [true, null, undefined, ['a'], { a: 1 }]) {
      assert.deepEqual(coerce(def(type), bad), { error: 'expected a string' }, `${type} ${JSON.stringify(bad)}`);
    }
  }
});

test('bool settings take only true and false (booleans or their exact text), as ES does', () => {
  assert.deepEqual(coerce(def('bool'), true), { value: true });
  assert.deepEqual(coerce(def('bool'), false), { value: false });
  assert.deepEqual(coerce(def('bool'), 'true'), { value: true });
  assert.deepEqual(coerce(def('bool'), 'false'), { value: false });
  for (const bad of ['yes', 'no', 'on', '1', '0', 'TRUE', 'False', ' true', 1, 0, null]) {
    assert.deepEqual(coerce(def('bool'), bad), { error: 'expected true or false' }, JSON.stringify(bad));
  }
});

test('int settings take integers and integer text', () => {
  assert.deepEqual(coerce(def('int'), 5), { value: 5 });
  assert.deepEqual(coerce(def('int'), -3), { value: -3 });
  assert.deepEqual(coerce(def('int'), '42'), { value: 42 });
  assert.deepEqual(coerce(def('int'), ' 7 '), { value: 7 });
  assert.deepEqual(coerce(def('int'), '-1'), { value: -1 });
  for (const bad of [1.5, '1.5', '', 'ten', '1e3', '0x10', true, null, [1], Number.NaN]) {
    assert.deepEqual(coerce(def('int'), bad), { error: 'expected an integer' }, String(bad));
  }
});

test('time settings become milliseconds; a bare number is refused', () => {
  assert.deepEqual(coerce(def('time'), '30s'), { value: 30_000 });
  assert.deepEqual(coerce(def('time'), '-1'), { value: -1 });
  assert.deepEqual(coerce(def('time'), 0), { value: 0 });
  for (const bad of [30, '30', 'soon', true]) {
    assert.deepEqual(coerce(def('time'), bad), { error: 'expected a time value such as 30s, 20m or 7d' }, String(bad));
  }
});

test('list settings take a list of strings or comma-separated text', () => {
  assert.deepEqual(coerce(def('list'), ['a', 'b']), { value: ['a', 'b'] });
  assert.deepEqual(coerce(def('list'), []), { value: [] });
  assert.deepEqual(coerce(def('list'), 'http://a:9200'), { value: ['http://a:9200'] });
  assert.deepEqual(coerce(def('list'), ' a , b,,c ,'), { value: ['a', 'b', 'c'] });
  for (const bad of [[1], ['a', 2], 5, true, null, { a: 'b' }]) {
    assert.deepEqual(coerce(def('list'), bad), { error: 'expected a list of strings' }, JSON.stringify(bad));
  }
});

test('every documented default coerces to its type and passes its own check', () => {
  for (const [table, defs] of Object.entries({ SETTINGS, COMMON_REALM_SETTINGS, CACHING_REALM_SETTINGS })) {
    for (const [key, d] of Object.entries(defs)) {
      if (d.default === undefined) continue;
      const r = coerce(d, d.default);
      assert.ok('value' in r, `${table} ${key}: ${JSON.stringify(r)}`);
      assert.equal(d.check?.(r.value) ?? null, null, `${table} ${key}`);
    }
  }
});

test('setting checks: security cannot be disabled, enumerations, bounds', () => {
  const enabled = SETTINGS['xpack.security.enabled'];
  assert.equal(enabled.check!(true), null);
  assert.match(enabled.check!(false)!, /cannot be false/);

  const version = SETTINGS['portcullis.elasticsearch.version'];
  assert.equal(version.default, '9.1.5');
  assert.equal(version.check!('8.19.4'), null);
  assert.equal(version.check!('9'), 'must be a version such as 9.1.5');
  assert.equal(version.check!('7.17.0'), 'must be an Elasticsearch 8.x or 9.x version');

  const level = SETTINGS['portcullis.log.level'];
  assert.equal(level.check!('debug'), null);
  assert.equal(level.check!('WARN'), null, 'enumerations compare case-insensitively');
  assert.equal(level.check!('loud'), 'must be one of [trace, debug, info, warn, error, fatal, silent]');

  assert.equal(SETTINGS['xpack.security.http.ssl.client_authentication'].check!('required'), null);
  assert.match(SETTINGS['xpack.security.http.ssl.client_authentication'].check!('always')!, /must be one of \[none, optional, required\]/);

  assert.equal(SETTINGS['portcullis.upstream.connections'].check!(1), null);
  assert.equal(SETTINGS['portcullis.upstream.connections'].check!(0), 'must be greater than 0');
  assert.equal(CACHING_REALM_SETTINGS['cache.max_users'].check!(0), null);
  assert.equal(CACHING_REALM_SETTINGS['cache.max_users'].check!(-1), 'must not be negative');
});

test('every setting of a secret kind (passwords, API keys, passphrases) is typed secret', () => {
  for (const [key, d] of Object.entries(SETTINGS)) {
    if (/(password|passphrase|api_key)$/.test(key)) assert.equal(d.type, 'secret', key);
  }
});
