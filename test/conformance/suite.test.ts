import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonStream } from './json-stream.ts';
import { parseSuite } from './suite.ts';
import { reindentFlowCollections } from './yaml-compat.ts';

const SUITE = `---
setup:
  - skip:
      features: headers
  - do:
      cluster.health:
        wait_for_status: yellow
---
teardown:
  - do:
      security.delete_user:
        username: "joe"
        ignore: 404
---
"First test":
  - do:
      catch: forbidden
      headers:
        Authorization: "Basic abc"
      security.put_user:
        username: joe
        body: >
          { "password": "x", "roles": [ "r" ] }
  - match: { error.type: security_exception }
  - is_true: error
  - set: { error.type: t }
  - transform_and_set: { creds: "#base64EncodeCredentials(id,api_key)" }
  - length: { a: 1, b: 2 }
---
"Bulk":
  - requires:
      cluster_features: ["gte_v7.9.0"]
      reason: because
  - do:
      warnings:
        - "w1"
      bulk:
        refresh: true
        body:
          - '{"index": {"_index": "i", "_id": "1"}}'
          - '{"name": "doc1"}'
  - match: { "index" : {
      "a" : 1
    } }
`;

test('parses setup, teardown and tests with steps, lines and prerequisites', () => {
  const s = parseSuite('x/10_a.yml', SUITE);
  assert.equal(s.setup?.prerequisites.runnerFeatures[0], 'headers');
  assert.equal(s.setup?.steps[0].kind, 'do');
  const td = s.teardown!.steps[0];
  assert.ok(td.kind === 'do' && td.call.ignore?.[0] === 404 && td.call.params.username === 'joe');
  assert.deepEqual(s.tests.map((t) => t.name), ['First test', 'Bulk']);
  const [put, m, t, set, tas, l1, l2] = s.tests[0].section.steps;
  assert.ok(put.kind === 'do');
  assert.equal(put.call.catch, 'forbidden');
  assert.equal(put.call.headers.authorization, 'Basic abc');
  assert.deepEqual(put.call.bodies, [{ password: 'x', roles: ['r'] }]);
  assert.equal(put.line, 16);
  assert.ok(m.kind === 'assert' && m.name === 'match' && m.field === 'error.type' && m.expected === 'security_exception');
  assert.ok(t.kind === 'assert' && t.name === 'is_true' && t.field === 'error');
  assert.ok(set.kind === 'set' && set.path === 'error.type' && set.name === 't');
  assert.ok(tas.kind === 'transform_and_set' && tas.name === 'creds');
  assert.ok(l1.kind === 'assert' && l2.kind === 'assert' && l1.field === 'a' && l2.field === 'b');
  const bulk = s.tests[1].section;
  assert.deepEqual(bulk.prerequisites.requiredClusterFeatures, ['gte_v7.9.0']);
  const b = bulk.steps[0];
  assert.ok(b.kind === 'do');
  assert.deepEqual(b.call.bodies, [{ index: { _index: 'i', _id: '1' } }, { name: 'doc1' }]);
  assert.deepEqual(b.call.warnings.expected, ['w1']);
  assert.equal(b.call.params.refresh, true);
  const m2 = bulk.steps[1];
  assert.ok(m2.kind === 'assert');
  assert.deepEqual(m2.expected, { a: 1 });
});

test('flow collections closed at their key\'s indent (accepted by SnakeYAML) are re-indented, nothing else', () => {
  const text = '  - match: { "index" : {\n      "a" : 1\n    } }\n  - do:\n      body: >\n        { "x": [\n    1 ] }\n';
  const fixed = reindentFlowCollections(text);
  assert.equal(fixed.split('\n')[2], '            } }');
  assert.equal(fixed.split('\n')[6], '    1 ] }', 'block scalar content is left alone');
  assert.equal(reindentFlowCollections("  - do:\n      catch: /isn't {2}/\n"), "  - do:\n      catch: /isn't {2}/\n");
});

test('string bodies may hold several JSON values', () => {
  assert.deepEqual(parseJsonStream('{"index": {}}\n{}\n'), [{ index: {} }, {}]);
  assert.deepEqual(parseJsonStream(' {"a": "}{"} [1] "s" 2 '), [{ a: '}{' }, [1], 's', 2]);
  assert.throws(() => parseJsonStream('{nope}'), SyntaxError);
});

test('a do section must name exactly one API', () => {
  assert.throws(() => parseSuite('f', '"t":\n  - do:\n      catch: missing\n'), /exactly one API/);
});
