import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_JAVA, elasticsearchYml, javaMajor, pickJava, start } from './elasticsearch.ts';
import { detectFlavor } from './upstream.ts';

test('javaMajor reads the major version of a JDK release file', () => {
  assert.equal(javaMajor('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25.0.3"\n'), 25);
  assert.equal(javaMajor('JAVA_VERSION="17.0.15"\n'), 17);
  assert.equal(javaMajor('JAVA_VERSION="21"\n'), 21);
  assert.equal(javaMajor('JAVA_VERSION="1.8.0_392"\n'), 8);
  assert.equal(javaMajor('IMPLEMENTOR="x"\n'), undefined);
});

test('pickJava takes the newest Java >= 21 and names what is missing otherwise', () => {
  const jdks = [
    { home: '/jvm/17', major: 17 }, { home: '/jvm/25', major: 25 }, { home: '/jvm/21', major: 21 }, { home: '/jvm/junk', major: undefined },
  ];
  assert.deepEqual(pickJava(jdks), { home: '/jvm/25' });
  assert.deepEqual(pickJava(jdks, '/jvm/21'), { home: '/jvm/21' }, 'ES_JAVA_HOME wins over a newer one');
  const old = pickJava(jdks, '/jvm/17');
  assert.ok('error' in old && old.error.includes('ES_JAVA_HOME=/jvm/17') && old.error.includes(`Java ${MIN_JAVA}`), JSON.stringify(old));
  const none = pickJava([{ home: '/jvm/17', major: 17 }]);
  assert.ok('error' in none && none.error.includes('ES_JAVA_HOME') && none.error.includes('/jvm/17 (17)'), JSON.stringify(none));
  const empty = pickJava([]);
  assert.ok('error' in empty && empty.error.includes('found none'), JSON.stringify(empty));
});

test('elasticsearch.yml: security off, single node on loopback, settings only for modules that are there', () => {
  const bare = elasticsearchYml({ port: 0, dir: '/tmp/run', modules: ['x-pack-core', 'x-pack-security'] });
  for (const line of ['xpack.security.enabled: false', 'discovery.type: single-node', 'network.host: 127.0.0.1',
    'http.port: 0', 'node.portsfile: true', 'path.data: /tmp/run/data', 'cluster.routing.allocation.disk.threshold_enabled: false']) {
    assert.ok(bare.split('\n').includes(line), `has ${line}`);
  }
  assert.doesNotMatch(bare, /xpack\.ml|geoip|reindex/, 'an unknown setting would stop Elasticsearch');
  const full = elasticsearchYml({ port: 9200, dir: '/tmp/run', modules: ['x-pack-ml', 'ingest-geoip'] });
  assert.match(full, /^xpack\.ml\.enabled: false$/m);
  assert.match(full, /^ingest\.geoip\.downloader\.enabled: false$/m);
  assert.match(full, /^http\.port: 9200$/m);
});

test('start() runs a security-off Elasticsearch on loopback that answers as Elasticsearch', { timeout: 240_000 }, async () => {
  const es = await start();
  try {
    assert.equal(es.flavor, 'elasticsearch');
    assert.match(es.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await detectFlavor(es.url), 'elasticsearch');
    const root = await fetch(es.url);
    assert.equal(root.headers.get('x-elastic-product'), 'Elasticsearch');
    await root.arrayBuffer();
    // No security: a request without credentials may do anything (which is why only the gateway may reach it).
    const nodes = await fetch(`${es.url}/_nodes/_local?filter_path=nodes.*.version,nodes.*.build_flavor`);
    assert.equal(nodes.status, 200);
    const info = Object.values(((await nodes.json()) as { nodes: Record<string, { version: string; build_flavor: string }> }).nodes);
    assert.deepEqual(info.map((n) => n.build_flavor), ['default']);
    assert.equal(info[0].version, es.version);
  } finally {
    await es.stop();
  }
  await assert.rejects(fetch(es.url), 'stopped');
});
