import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@elastic/elasticsearch';
import { TLS_FILES, type TlsMaterial, ensureTlsMaterial } from './ensure-tls-material.ts';
import { sha256Fingerprint } from './fingerprint.ts';
import { generateCa } from './generate-ca.ts';
import { type RunningServer, httpsGet, startHttpsServer } from './tls-fixtures.ts';

const posix = process.platform !== 'win32';
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'portcullis-tls-'));
});
after(() => rm(root, { recursive: true, force: true }));

async function freshDir(): Promise<string> {
  return mkdtemp(join(root, 'node-'));
}
const read = (path: string) => readFile(path, 'utf8');
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('first start, then a restart', () => {
  let dir: string;
  let first: TlsMaterial;
  let second: TlsMaterial;
  let contents: string[];
  before(async () => {
    dir = join(await freshDir(), 'does', 'not', 'exist', 'yet');
    first = await ensureTlsMaterial(dir);
    contents = await Promise.all(Object.values(TLS_FILES).map((name) => read(join(dir, 'certs', name))));
    second = await ensureTlsMaterial(dir);
  });

  test('created=true, then created=false with the same fingerprint and the same paths', () => {
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.caFingerprint, first.caFingerprint);
    assert.deepEqual({ ...second, created: true }, first);
  });

  test('the files sit where Elasticsearch puts them, and a restart leaves them byte for byte', async () => {
    assert.equal(first.caCertPath, join(dir, 'certs', 'http_ca.crt'));
    assert.equal(first.certPath, join(dir, 'certs', 'http.crt'));
    assert.equal(first.keyPath, join(dir, 'certs', 'http.key'));
    assert.deepEqual((await readdir(join(dir, 'certs'))).sort(), ['http.crt', 'http.key', 'http_ca.crt', 'http_ca.key']);
    const now = await Promise.all(Object.values(TLS_FILES).map((name) => read(join(dir, 'certs', name))));
    assert.deepEqual(now, contents);
  });

  test('caFingerprint is the CA file fingerprint, in both spellings clients accept', async () => {
    const caPem = await read(first.caCertPath);
    assert.equal(first.caFingerprint, sha256Fingerprint(caPem));
    assert.equal(first.caFingerprint, new X509Certificate(caPem).fingerprint256.replaceAll(':', '').toLowerCase());
  });

  test('keys are 0600, certificates 0644, the certs directory 0700', { skip: !posix }, async () => {
    assert.equal(await mode(first.keyPath), 0o600);
    assert.equal(await mode(join(dir, 'certs', 'http_ca.key')), 0o600);
    assert.equal(await mode(first.certPath), 0o644);
    assert.equal(await mode(first.caCertPath), 0o644);
    assert.equal(await mode(join(dir, 'certs')), 0o700);
  });

  test('http.crt is the chain: the leaf, then the CA', async () => {
    const blocks = (await read(first.certPath)).match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    assert.equal(blocks.length, 2);
    const [leaf, ca] = blocks.map((pem) => new X509Certificate(pem));
    assert.equal(ca.fingerprint256, new X509Certificate(await read(first.caCertPath)).fingerprint256);
    assert.ok(leaf.checkIssued(ca) && leaf.verify(ca.publicKey));
  });

  describe('served by node:https', () => {
    let server: RunningServer;
    before(async () => {
      server = await startHttpsServer({ key: await read(first.keyPath), cert: await read(first.certPath) });
    });
    after(() => server.close());

    test('a client trusting only http_ca.crt reaches localhost and 127.0.0.1; one without it is rejected', async () => {
      const ca = await read(first.caCertPath);
      assert.equal(await httpsGet({ host: 'localhost', family: 4, port: server.port, ca }), 200);
      assert.equal(await httpsGet({ host: '127.0.0.1', port: server.port, ca }), 200);
      await assert.rejects(httpsGet({ host: '127.0.0.1', port: server.port }), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    });

    test('the @elastic/elasticsearch client accepts the printed value as caFingerprint', async () => {
      const client = esClient(server.port, first.caFingerprint);
      try {
        assert.equal((await client.info()).tagline, 'You Know, for Search');
      } finally {
        await client.close();
      }
    });

    test('the @elastic/elasticsearch client refuses another fingerprint', async () => {
      const client = esClient(server.port, sha256Fingerprint((await generateCa()).certPem));
      try {
        await assert.rejects(client.info(), /caFingerprint/);
      } finally {
        await client.close();
      }
    });

    test('the @elastic/elasticsearch client with ca: http_ca.crt connects to localhost', async () => {
      const client = new Client({ node: `https://localhost:${server.port}`, tls: { ca: await read(first.caCertPath) }, maxRetries: 0 });
      try {
        assert.equal((await client.info()).name, 'portcullis-test');
      } finally {
        await client.close();
      }
    });
  });

  test('caFingerprint needs the CA on the wire: a server sending its leaf alone fails the check', async () => {
    const leafOnly = (await read(first.certPath)).split(/(?<=-----END CERTIFICATE-----)/)[0];
    const server = await startHttpsServer({ key: await read(first.keyPath), cert: leafOnly });
    const client = esClient(server.port, first.caFingerprint);
    try {
      // the client walks the chain it was sent up to its root; with no CA there is no root to compare
      await assert.rejects(client.info(), /Invalid or malformed certificate/);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

function esClient(port: number, caFingerprint: string): Client {
  // as Elastic documents for caFingerprint: the pin replaces chain verification
  return new Client({ node: `https://127.0.0.1:${port}`, caFingerprint, tls: { rejectUnauthorized: false }, maxRetries: 0 });
}

describe('after a crash or a hand edit', () => {
  test('http.crt missing (crash before the last write): keeps the CA, re-issues the leaf, removes temp files', async () => {
    const dir = await freshDir();
    const first = await ensureTlsMaterial(dir);
    const oldKey = await read(first.keyPath);
    await unlink(first.certPath);
    await writeFile(join(dir, 'certs', '.http.crt.0123456789abcdef.tmp'), 'half a cert');
    const again = await ensureTlsMaterial(dir);
    assert.equal(again.created, true);
    assert.equal(again.caFingerprint, first.caFingerprint);
    assert.notEqual(await read(again.keyPath), oldKey);
    assert.deepEqual((await readdir(join(dir, 'certs'))).sort(), ['http.crt', 'http.key', 'http_ca.crt', 'http_ca.key']);
    assert.equal((await ensureTlsMaterial(dir)).created, false);
  });

  test('only http_ca.key present (crash after the first write): starts over with a new CA', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'http_ca.key'), (await generateCa()).keyPem);
    const material = await ensureTlsMaterial(dir);
    assert.equal(material.created, true);
    assert.equal(material.caFingerprint, sha256Fingerprint(await read(material.caCertPath)));
    assert.equal((await ensureTlsMaterial(dir)).created, false);
  });

  const brokenCases: Array<[string, (certs: string) => Promise<void>, RegExp]> = [
    ['http.key deleted', (c) => unlink(join(c, 'http.key')), /http\.key\] is missing/],
    ['http_ca.crt deleted', (c) => unlink(join(c, 'http_ca.crt')), /http_ca\.crt\] is missing/],
    ['http.key from another certificate', async (c) => writeFile(join(c, 'http.key'), (await generateCa()).keyPem), /not the private key/],
    ['http_ca.crt replaced by another CA', async (c) => writeFile(join(c, 'http_ca.crt'), (await generateCa()).certPem), /not signed by/],
  ];
  for (const [name, breakIt, message] of brokenCases) {
    test(`${name}: refuses to start with illegal_state, changes nothing`, async () => {
      const dir = await freshDir();
      const certs = join((await ensureTlsMaterial(dir)).certPath, '..');
      await breakIt(certs);
      const before = (await readdir(certs)).sort();
      await assert.rejects(ensureTlsMaterial(dir), { code: 'illegal_state', message });
      assert.deepEqual((await readdir(certs)).sort(), before);
    });
  }

  test('a CA certificate without its key and no http.crt: cannot issue, illegal_state', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'http_ca.crt'), (await generateCa()).certPem);
    await assert.rejects(ensureTlsMaterial(dir), { code: 'illegal_state', message: /without its key/ });
  });

  test('an operator-made CA dropped in as http_ca.crt + http_ca.key is used to issue the leaf', async () => {
    const dir = await freshDir();
    const ca = await generateCa({ commonName: 'Operator CA' });
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'http_ca.crt'), ca.certPem);
    await writeFile(join(dir, 'certs', 'http_ca.key'), ca.keyPem);
    const material = await ensureTlsMaterial(dir);
    assert.equal(material.caFingerprint, sha256Fingerprint(ca.certPem));
    assert.equal(new X509Certificate(await read(material.certPath)).issuer, 'CN=Operator CA');
  });
});
