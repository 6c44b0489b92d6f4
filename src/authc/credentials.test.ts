import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import type { Credentials } from '../core/request.ts';
import { EsError } from '../core/errors.ts';
import { Secret } from '../core/secret.ts';
import { parseAuthorization, principalOf, singleHeader } from './credentials.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function basic(value: string): { username: string; password: string } {
  const c = parseAuthorization(value);
  assert.equal(c.kind, 'basic');
  if (c.kind !== 'basic') throw new Error('unreachable');
  assert.ok(c.password instanceof Secret);
  return { username: c.username, password: c.password.reveal() };
}

/** Asserts a malformed-credentials 401 (ES's security_exception) with exactly this reason. */
function assert401(value: string, reason: string): void {
  assert.throws(
    () => parseAuthorization(value),
    (e: unknown) => {
      assert.ok(e instanceof EsError, inspect(e));
      assert.equal(e.status, 401);
      assert.equal(e.type, 'security_exception');
      assert.equal(e.code, 'authentication_failed');
      assert.equal(e.message, reason);
      return true;
    },
    value,
  );
}

test('Basic: user and password are read from the base64 value', () => {
  assert.deepEqual(basic(`Basic ${b64('joe:s3krit-password')}`), { username: 'joe', password: 's3krit-password' });
  // The header of the ES YAML tests.
  assert.deepEqual(basic('Basic am9lOnMza3JpdC1wYXNzd29yZA=='), { username: 'joe', password: 's3krit-password' });
});

test('Basic: the scheme is case-insensitive', () => {
  for (const scheme of ['basic', 'BASIC', 'bAsIc', 'Basic']) {
    assert.deepEqual(basic(`${scheme} ${b64('joe:pw')}`), { username: 'joe', password: 'pw' }, scheme);
  }
});

test('Basic: only the first colon separates; the password keeps the rest, and either side may be empty', () => {
  assert.deepEqual(basic(`Basic ${b64('joe:pa:ss:wo:rd')}`), { username: 'joe', password: 'pa:ss:wo:rd' });
  assert.deepEqual(basic(`Basic ${b64('joe:')}`), { username: 'joe', password: '' });
  assert.deepEqual(basic(`Basic ${b64(':pw')}`), { username: '', password: 'pw' });
  assert.deepEqual(basic(`Basic ${b64('joe: spaced pw ')}`), { username: 'joe', password: ' spaced pw ' });
});

test('Basic: user names and passwords are UTF-8', () => {
  for (const [u, p] of [
    ['jöe', 'pässwörd'],
    ['用户', '密码🔑'],
    ['Ωmega', 'ñ:ñ'],
  ]) {
    assert.deepEqual(basic(`Basic ${b64(`${u}:${p}`)}`), { username: u, password: p });
  }
});

test('Basic: padding is optional and whitespace around the value is ignored', () => {
  const padded = b64('ab:c'); // "YWI6Yw=="
  assert.ok(padded.endsWith('=='));
  assert.deepEqual(basic(`Basic ${padded.replace(/=+$/, '')}`), { username: 'ab', password: 'c' });
  assert.deepEqual(basic(`Basic   ${padded}  `), { username: 'ab', password: 'c' });
});

test('Basic: an empty value, bad base64 or no colon are 401s with the ES reasons', () => {
  assert401('Basic ', 'invalid basic authentication header value');
  assert401('basic ', 'invalid basic authentication header value');
  assert401('Basic !!!!', 'invalid basic authentication header encoding');
  assert401('Basic am9l*b2U=', 'invalid basic authentication header encoding');
  assert401('Basic abcde', 'invalid basic authentication header encoding');
  assert401('Basic YWJj=ZGVm', 'invalid basic authentication header encoding');
  assert401(`Basic ${b64('joe')}`, 'invalid basic authentication header value');
  assert401(`Basic ${b64('')}a`, 'invalid basic authentication header encoding');
});

test('ApiKey: id and key are read from the base64 value; the key keeps any further colons', () => {
  const c = parseAuthorization(`ApiKey ${b64('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw')}`);
  assert.equal(c.kind, 'api_key');
  if (c.kind !== 'api_key') return;
  assert.equal(c.id, 'VuaCfGcBCdbkQm-e5aOx');
  assert.ok(c.key instanceof Secret);
  assert.equal(c.key.reveal(), 'ui2lp2axTNmsyakw9tvNnw');

  const colons = parseAuthorization(`apikey ${b64('id:a:b')}`);
  assert.equal(colons.kind === 'api_key' && colons.key.reveal(), 'a:b');
  assert.equal(parseAuthorization(`APIKEY ${b64('id:k')}`).kind, 'api_key');
});

test('ApiKey: an unreadable value is an api_key credential carrying ES\'s reason (the chain goes on); empty is none', () => {
  const reason = (value: string) => {
    const c = parseAuthorization(value);
    return c.kind === 'api_key' ? c.invalid : c.kind;
  };
  assert.equal(reason(`ApiKey ${b64('no-colon-here')}`), 'invalid ApiKey value');
  assert.equal(reason(`ApiKey ${b64(':key-without-id')}`), 'invalid ApiKey value');
  assert.equal(reason('ApiKey not*base64'), 'Illegal base64 character 2a');
  assert.equal(reason('ApiKey abcde'), 'Last unit does not have enough valid bits');
  assert.equal(reason('ApiKey YWJj='), 'Input byte array has wrong 4-byte ending unit');
  assert.equal(reason('ApiKey YQ==YQ'), 'Input byte array has incorrect ending byte at 4');
  assert.equal(reason(`ApiKey ${b64('id:k')}`), undefined);
  assert.equal(reason('ApiKey  '), 'none');
});

test('Bearer and Negotiate carry their token as a Secret; the scheme is case-insensitive', () => {
  const bearer = parseAuthorization('Bearer dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu');
  assert.equal(bearer.kind, 'bearer');
  assert.ok(bearer.kind === 'bearer' && bearer.token instanceof Secret);
  assert.equal(bearer.kind === 'bearer' && bearer.token.reveal(), 'dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu');
  assert.equal(parseAuthorization('bearer abc.def.ghi').kind, 'bearer');

  const negotiate = parseAuthorization('Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF');
  assert.equal(negotiate.kind, 'negotiate');
  assert.equal(negotiate.kind === 'negotiate' && negotiate.token.reveal(), 'YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF');
  assert.equal(parseAuthorization('NEGOTIATE abc').kind, 'negotiate');
});

test('no header, an unknown scheme or a scheme without its space give no credentials', () => {
  for (const value of [undefined, '', 'Digest username="joe"', 'Token abc', 'Basic', 'Basicam9lOnB3', 'ApiKey', 'Bearer', 'NTLM TlRMTVNTUAABAAAAB4IIog==', ' Basic am9lOnB3']) {
    assert.deepEqual(parseAuthorization(value), { kind: 'none' }, String(value));
  }
});

test('singleHeader: absent is undefined; repeats of one value are that value; different values are a 400', () => {
  assert.equal(singleHeader(undefined, 'Authorization'), undefined);
  assert.equal(singleHeader([], 'Authorization'), undefined);
  assert.equal(singleHeader(['Basic x'], 'Authorization'), 'Basic x');
  assert.equal(singleHeader(['Basic x', 'Basic x', 'Basic x'], 'Authorization'), 'Basic x');
  for (const [values, name] of [
    [['Basic x', 'Basic y'], 'Authorization'],
    [['Basic x', 'Basic x', 'ApiKey z'], 'Authorization'],
    [['a', 'b'], 'es-secondary-authorization'],
  ] as const) {
    assert.throws(
      () => singleHeader(values, name),
      (e: unknown) => {
        assert.ok(e instanceof EsError);
        assert.equal(e.status, 400);
        assert.equal(e.type, 'illegal_argument_exception');
        assert.equal(e.message, `multiple values for single-valued header [${name}].`);
        return true;
      },
    );
  }
});

test('principalOf names the principal as ES does in its messages', () => {
  assert.equal(principalOf(parseAuthorization(`Basic ${b64('joe:pw')}`)), 'joe');
  assert.equal(principalOf(parseAuthorization(`ApiKey ${b64('key-id:secret')}`)), 'key-id');
  assert.equal(principalOf(parseAuthorization('Bearer abc')), '_bearer_token');
  assert.equal(principalOf(parseAuthorization('Negotiate abc')), '<Kerberos Token>');
  assert.equal(principalOf(parseAuthorization(undefined)), '');
});

test('a parsed secret never appears when the credentials are printed, serialised or interpolated', () => {
  const secret = 'Sup3r-S3cret:with:colons';
  const all: Credentials[] = [
    parseAuthorization(`Basic ${b64(`joe:${secret}`)}`),
    parseAuthorization(`ApiKey ${b64(`key-id:${secret}`)}`),
    parseAuthorization(`Bearer ${secret}`),
    parseAuthorization(`Negotiate ${secret}`),
  ];
  for (const c of all) {
    const renderings = [
      JSON.stringify(c),
      JSON.stringify({ nested: { c } }),
      inspect(c),
      inspect(c, { depth: Infinity, showHidden: true, getters: true }),
      `${Object.values(c).join(' ')}`,
      Object.values(c).map((v) => `${v}`).join(' '),
      Object.values(c).map(String).join(' '),
      format('%s %o %O %j', c, c, c, c),
      format('%s %s %s', ...Object.values(c)),
    ];
    for (const r of renderings) {
      assert.equal(r.includes('S3cret'), false, `${c.kind}: ${r}`);
    }
    assert.ok(JSON.stringify(c).includes('::es_redacted::'), c.kind);
  }
  assert.ok(JSON.stringify(all[0]).includes('"username":"joe"'), 'the user name itself is not secret');
});
