import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { EsError } from '../core/errors.ts';
import { Secret } from '../core/secret.ts';
import { checkRequestHeaders, outboundHeaders, responseHeaders, serviceAuthorization } from './headers.ts';

const host = '10.0.0.5:9200';

describe('outboundHeaders', () => {
  it('drops hop-by-hop headers and sets Host for the upstream', () => {
    const out = outboundHeaders(
      {
        host: 'gateway.example:9243',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic eDp5',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
        trailer: 'x-checksum',
        'transfer-encoding': 'chunked',
        upgrade: 'h2c',
        expect: '100-continue',
        accept: 'application/json',
      },
      { host },
    );
    assert.deepEqual(out, { host, accept: 'application/json' });
  });

  it('drops headers named in the incoming Connection header', () => {
    const out = outboundHeaders(
      { connection: 'close, X-Internal-Hop ,x-other', 'x-internal-hop': '1', 'x-other': '2', 'x-kept': '3' },
      { host },
    );
    assert.deepEqual(out, { host, 'x-kept': '3' });
  });

  it('never forwards client credentials, run-as or cookies', () => {
    const out = outboundHeaders(
      {
        authorization: 'Basic ZWxhc3RpYzpjaGFuZ2VtZQ==',
        'es-secondary-authorization': 'ApiKey abc',
        'es-security-runas-user': 'superuser',
        opendistro_security_impersonate_as: 'admin',
        'es-client-authentication': 'SharedSecret abc',
        cookie: 'sid=secret',
        'content-type': 'application/json',
      },
      { host },
    );
    assert.deepEqual(out, { host, 'content-type': 'application/json' });
  });

  it('sets Authorization to the service credential when one is configured', () => {
    const authorization = new Secret('ApiKey c2VydmljZTprZXk=');
    const out = outboundHeaders({ authorization: 'Basic Y2xpZW50OnB3' }, { host, authorization });
    assert.equal(out.authorization, 'ApiKey c2VydmljZTprZXk=');
  });

  it('passes end-to-end headers through unchanged', () => {
    const incoming = {
      'x-opaque-id': 'my-task-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'es=s:1',
      'content-type': 'application/x-ndjson',
      'content-length': '123',
      'content-encoding': 'gzip',
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      'x-elastic-client-meta': 'es=8.15.0,js=20',
      'user-agent': 'elastic-transport-js',
      'set-cookie': ['a=1', 'b=2'],
    };
    assert.deepEqual(outboundHeaders(incoming, { host }), { host, ...incoming });
  });

  it('does not mutate the incoming headers', () => {
    const incoming = { host: 'gw', authorization: 'Basic x', connection: 'x-a', 'x-a': '1' };
    const copy = { ...incoming };
    outboundHeaders(incoming, { host, authorization: new Secret('Basic y') });
    assert.deepEqual(incoming, copy);
  });
});

describe('responseHeaders', () => {
  it('drops hop-by-hop headers, keeping case, order and duplicates of the rest', () => {
    const raw = [
      'content-type', 'application/json',
      'Connection', 'keep-alive',
      'Keep-Alive', 'timeout=4',
      'Transfer-Encoding', 'chunked',
      'Proxy-Authenticate', 'Basic',
      'Trailer', 'x-sum',
      'Upgrade', 'h2c',
      'Set-Cookie', 'a=1',
      'X-Opaque-Id', 'my-task-1',
      'Set-Cookie', 'b=2',
    ];
    assert.deepEqual(responseHeaders(raw), [
      'content-type', 'application/json',
      'Set-Cookie', 'a=1',
      'X-Opaque-Id', 'my-task-1',
      'Set-Cookie', 'b=2',
    ]);
  });

  it('drops headers named in the response Connection header', () => {
    const raw = ['X-Hop', '1', 'Connection', 'close, x-hop', 'content-length', '2'];
    assert.deepEqual(responseHeaders(raw), ['content-length', '2']);
  });

  it('leaves X-elastic-product alone by default (passes it through, never adds it)', () => {
    assert.deepEqual(responseHeaders(['X-elastic-product', 'Elasticsearch']), ['X-elastic-product', 'Elasticsearch']);
    assert.deepEqual(responseHeaders(['content-length', '0']), ['content-length', '0']);
  });

  it('with addProductHeader, sets exactly one X-elastic-product', () => {
    const opts = { addProductHeader: true };
    assert.deepEqual(responseHeaders(['content-length', '0'], opts), ['content-length', '0', 'X-elastic-product', 'Elasticsearch']);
    assert.deepEqual(responseHeaders(['x-elastic-product', 'Elasticsearch', 'content-length', '0'], opts), [
      'content-length', '0', 'X-elastic-product', 'Elasticsearch',
    ]);
  });
});

describe('responseHeaders: the upstream challenge', () => {
  it('never relays the upstream WWW-Authenticate', () => {
    assert.deepEqual(responseHeaders(['WWW-Authenticate', 'Basic realm="security"', 'www-authenticate', 'ApiKey', 'content-length', '0']), ['content-length', '0']);
  });
});

describe('checkRequestHeaders', () => {
  const refused = (raw: string[]) => {
    assert.throws(() => checkRequestHeaders(raw), (e: unknown) => e instanceof EsError && e.status === 400, JSON.stringify(raw));
  };

  it('accepts ordinary headers, underscores in unguarded names and repeats of one ES-Client-Authentication', () => {
    checkRequestHeaders(['Host', 'x', 'Authorization', 'Basic eDp5', 'X_Custom_Header', '1', 'Connection', 'keep-alive, x-hop', 'X-Hop', '1']);
    checkRequestHeaders(['ES-Client-Authentication', 'SharedSecret a', 'es-client-authentication', 'SharedSecret a']);
    checkRequestHeaders(['opendistro_security_impersonate_as', 'admin']);
  });

  it('refuses underscore twins of credential, framing and media-type headers (any case)', () => {
    for (const name of ['es_security_runas_user', 'Es-Secondary_Authorization', 'es-client_authentication', 'Content_Length', 'transfer_encoding', 'content_type', 'Proxy_Authorization', 'opendistro-security-impersonate-as']) {
      refused([name, 'v']);
    }
    // Not twins: read with `_` as `-` these are still other names.
    for (const name of ['AUTHORIZATION_', '_authorization', 'x_authorization']) checkRequestHeaders([name, 'v']);
  });

  it('refuses method and path override headers', () => {
    for (const name of ['X-HTTP-Method-Override', 'x-http-method', 'X-Method-Override', 'X-Original-URL', 'x-rewrite-url', 'X-Original-Method']) refused([name, 'DELETE']);
  });

  it('refuses a Connection header naming a security header, whatever its spelling', () => {
    for (const value of ['close, Authorization', 'es-security-runas-user', 'keep-alive,ES_SECONDARY_AUTHORIZATION', 'Es-Client-Authentication', 'cookie']) {
      refused(['Connection', value]);
    }
  });

  it('refuses different ES-Client-Authentication values (ES: multiple values for single-valued header)', () => {
    assert.throws(
      () => checkRequestHeaders(['ES-Client-Authentication', 'SharedSecret a', 'es-client-authentication', 'SharedSecret b']),
      (e: unknown) => e instanceof EsError && e.status === 400 && e.message === 'multiple values for single-valued header [ES-Client-Authentication].',
    );
  });
});

describe('serviceAuthorization', () => {
  it('is undefined without a credential', () => {
    assert.equal(serviceAuthorization({}), undefined);
  });

  it('builds Basic from username and password, as a Secret', () => {
    const auth = serviceAuthorization({ username: 'gateway', password: new Secret('s3cr3t:é') });
    assert.ok(auth instanceof Secret);
    assert.equal(auth.reveal(), `Basic ${Buffer.from('gateway:s3cr3t:é').toString('base64')}`);
    assert.doesNotMatch(inspect(auth), /Basic/);
  });

  it('builds ApiKey from the encoded key', () => {
    assert.equal(serviceAuthorization({ apiKey: new Secret('aWQ6a2V5') })?.reveal(), 'ApiKey aWQ6a2V5');
  });

  it('rejects half or double configurations', () => {
    assert.throws(() => serviceAuthorization({ username: 'u' }), EsError);
    assert.throws(() => serviceAuthorization({ password: new Secret('p') }), EsError);
    assert.throws(
      () => serviceAuthorization({ username: 'u', password: new Secret('p'), apiKey: new Secret('k') }),
      (e: unknown) => e instanceof EsError && e.code === 'illegal_argument',
    );
  });
});

it('Elasticsearch compat media types are sent upstream as plain JSON / NDJSON', () => {
  const out = outboundHeaders(
    {
      'content-type': 'application/vnd.elasticsearch+json; compatible-with=9',
      accept: 'application/vnd.elasticsearch+json;compatible-with=8',
    },
    { host: 'upstream:9200' },
  );
  assert.equal(out['content-type'], 'application/json');
  assert.equal(out.accept, 'application/json');
  const nd = outboundHeaders({ 'content-type': 'application/vnd.elasticsearch+x-ndjson; compatible-with=9' }, { host: 'u' });
  assert.equal(nd['content-type'], 'application/x-ndjson');
  const plain = outboundHeaders({ 'content-type': 'application/json; charset=utf-8' }, { host: 'u' });
  assert.equal(plain['content-type'], 'application/json; charset=utf-8');
  const asSent = outboundHeaders({ 'content-type': 'application/vnd.elasticsearch+json; compatible-with=9', accept: 'application/vnd.elasticsearch+json;compatible-with=8' }, { host: 'u', plainMediaTypes: false });
  assert.equal(asSent['content-type'], 'application/vnd.elasticsearch+json; compatible-with=9', 'for Elasticsearch: as sent');
  assert.equal(asSent.accept, 'application/vnd.elasticsearch+json;compatible-with=8');
});
