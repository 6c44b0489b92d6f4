import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EsError } from '../core/errors.ts';
import { checkRequestLine } from './request-line.ts';

const refused = (method: string, target: string, max = 4096): EsError => {
  try {
    checkRequestLine(method, target, max);
  } catch (e) {
    assert.ok(e instanceof EsError);
    return e;
  }
  assert.fail(`${method} ${target} was accepted`);
};

describe('checkRequestLine', () => {
  it('accepts Elasticsearch methods with origin-form targets', () => {
    for (const m of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) checkRequestLine(m, '/_search?q=a', 4096);
  });

  it('refuses TRACE, CONNECT and other methods with a 405', () => {
    for (const m of ['TRACE', 'CONNECT', 'PROPFIND', 'PURGE']) {
      const e = refused(m, '/_security/user');
      assert.equal(e.status, 405);
      assert.match(e.message, new RegExp(`method \\[${m}\\]`));
    }
  });

  it('refuses absolute-form, asterisk and fragment targets, without echoing the target', () => {
    for (const t of ['http://u:secret@host/_security/user', '*', 'host:443']) {
      const e = refused('GET', t);
      assert.equal(e.status, 400);
      assert.doesNotMatch(e.message, /secret/);
    }
    assert.equal(refused('GET', '/_security/user#x').status, 400);
  });

  it('refuses a request line longer than http.max_initial_line_length, as ES', () => {
    const e = refused('GET', '/' + 'a'.repeat(100), 100);
    assert.equal(e.status, 400);
    assert.equal(e.type, 'too_long_http_line_exception');
    assert.equal(e.message, 'An HTTP line is larger than 100 bytes.');
    checkRequestLine('GET', '/' + 'a'.repeat(100 - 15), 100);
  });
});
