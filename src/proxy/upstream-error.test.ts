import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { credentialRefusal } from './upstream-error.ts';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('credentialRefusal', () => {
  it('an upstream 401 is a 502 about the gateway credential, without the upstream reason', () => {
    const e = credentialRefusal(401, json({ error: { type: 'security_exception', reason: 'unable to authenticate user [svc]' }, status: 401 }))!;
    assert.equal(e.status, 502);
    assert.match(e.message, /gateway's own credential \(HTTP 401\)/);
    assert.doesNotMatch(e.message, /svc/);
  });

  it('an upstream 403 security_exception, or a 403 that is not an ES error, is a 502', () => {
    const e = credentialRefusal(403, json({ error: { root_cause: [{ type: 'security_exception', reason: 'no permissions for [x] and User [name=svc]' }] }, status: 403 }))!;
    assert.equal(e.status, 502);
    assert.doesNotMatch(e.message, /svc/);
    assert.equal(credentialRefusal(403, Buffer.from('<html>403 Forbidden</html>'))!.status, 502);
    assert.equal(credentialRefusal(403, Buffer.alloc(0))!.status, 502);
  });

  it('a 403 the cluster means for the request (a block) and other statuses are left alone', () => {
    assert.equal(credentialRefusal(403, json({ error: { type: 'cluster_block_exception', reason: 'index [x] blocked' }, status: 403 })), null);
    assert.equal(credentialRefusal(200, Buffer.alloc(0)), null);
    assert.equal(credentialRefusal(404, Buffer.alloc(0)), null);
  });
});
