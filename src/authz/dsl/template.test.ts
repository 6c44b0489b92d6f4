// Search templates rendered by the gateway: ES's Mustache dialect for JSON, stored templates, and the bounds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderSearchTemplate, renderMustache, TemplateLimits } from './template.ts';
import { EsError } from '../../core/errors.ts';

const none = async (): Promise<string> => {
  throw new Error('no stored template expected');
};
const rejects400 = (p: Promise<unknown> | (() => unknown), reason: RegExp) =>
  (typeof p === 'function' ? assert.throws(p, check(reason)) : assert.rejects(p, check(reason)));
const check = (reason: RegExp) => (e: EsError) => {
  assert.equal(e.status, 400, e.message);
  assert.match(e.message, reason);
  return true;
};

describe('search templates', () => {
  it('renders ES Mustache for JSON: escaped values, toJson, join, join with a delimiter, url', () => {
    const out = renderMustache(
      '{"q":"{{x}}","raw":{{{n}}},"a":{{#toJson}}arr{{/toJson}},"o":{{#toJson}}o{{/toJson}},"j":"{{#join}}arr{{/join}}","k":"{{#join delimiter=\'||\'}}arr{{/join delimiter=\'||\'}}","u":"{{#url}}a b&c{{/url}}","e":"{{#arr}}{{.}};{{/arr}}","p":"{{o.p}}"}',
      { x: 'say "hi"\n', n: 5, arr: ['a', 'b'], o: { p: 3 } },
    );
    assert.deepEqual(JSON.parse(out), { q: 'say "hi"\n', raw: 5, a: ['a', 'b'], o: { p: 3 }, j: 'a,b', k: 'a||b', u: 'a+b%26c', e: 'a;b;', p: '3' });
  });

  it('an escaped value cannot break out of its JSON string', () => {
    const out = renderMustache('{"query":{"match":{"f":"{{q}}"}}}', { q: '"}},"aggs":{"x":{"terms":{"field":"secret"}}},"a":{"b":"' });
    assert.deepEqual(Object.keys(JSON.parse(out)), ['query']);
  });

  it('nothing is reached through the prototype of the params', () => {
    assert.equal(renderMustache('"{{constructor}}{{__proto__}}{{toString}}"', {}), '""');
  });

  it('inline and stored templates render to the search body, with explain and profile', async () => {
    const inline = await renderSearchTemplate({ source: { query: { match: { f: '{{q}}' } } }, params: { q: 'x' }, profile: true }, none);
    assert.deepEqual(inline, { query: { match: { f: 'x' } }, profile: true });
    const asked: string[] = [];
    const stored = await renderSearchTemplate({ id: 't1', params: { n: 2 }, explain: true }, async (id) => {
      asked.push(id);
      return '{"size":{{n}}}';
    });
    assert.deepEqual(stored, { size: 2, explain: true });
    assert.deepEqual(asked, ['t1']);
  });

  it('malformed requests and renderings are 400s', async () => {
    await rejects400(renderSearchTemplate({ source: '{}', bogus: 1 }, none), /unknown field \[bogus\]/);
    await rejects400(renderSearchTemplate({ params: {} }, none), /either \[id\] or \[source\]/);
    await rejects400(renderSearchTemplate({ id: 'a', source: '{}' }, none), /either \[id\] or \[source\]/);
    await rejects400(renderSearchTemplate({ source: '{"a":{{x}}}', params: {} }, none), /not valid JSON/);
    await rejects400(renderSearchTemplate({ source: '[1]' }, none), /must be a JSON object/);
    await rejects400(renderSearchTemplate({ source: '{}', project_routing: 'x' }, none), /project_routing/);
    rejects400(() => renderMustache('{{> partial}}', {}), /partials/);
    rejects400(() => renderMustache('{{#a}}', {}), /does not compile/);
  });

  it('output is bounded before rendering: nested sections over large arrays are refused at once', () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    const began = Date.now();
    rejects400(() => renderMustache('{{#a}}{{#a}}{{#a}}{{#a}}0123456789{{/a}}{{/a}}{{/a}}{{/a}}', { a }), /could render more than/);
    assert.ok(Date.now() - began < 100, 'refused without rendering');
    rejects400(() => renderMustache('x'.repeat(TemplateLimits.sourceChars + 1), {}), /larger than/);
    assert.equal(renderMustache('{{#a}}{{.}}{{/a}}', { a }).length, 190);
  });
});
