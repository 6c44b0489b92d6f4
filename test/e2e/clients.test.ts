// The official clients of both majors in four languages (Python and Go from their registries, Java through Maven,
// JavaScript from node_modules) against a real gateway over TLS: each runs the probe program of its language
// (test/clients/<lang>/, steps in test/clients/README.md) and every step's result is checked against what
// Elasticsearch answers. Toolchains are prepared into ~/.cache/portcullis-clients/ on the first run (test/clients/toolchains.ts).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type Gateway } from '../support/gateway.ts';
import { LANGUAGES, prepare, run, type Major } from '../clients/toolchains.ts';
import { mismatches, USER_PASSWORD, type Steps } from '../clients/expected.ts';

const PW = 'clients-elastic-password';
describe('the official clients of both majors against the gateway', { concurrency: true }, () => {
  let gw: Gateway;
  before(async () => {
    gw = await startGateway({ tls: true, elasticPassword: PW });
  });
  after(async () => {
    await gw?.stop();
    gw?.cleanup();
  });

  for (const language of LANGUAGES) {
    for (const major of [8, 9] as Major[]) {
      // A cold Go build of the typed API takes minutes on a loaded 2-core machine; warm runs take seconds.
      it(`${language} ${major}.x`, { timeout: 20 * 60_000 }, async (t) => {
        const began = Date.now();
        const probe = await prepare(language, major);
        const prepared = Date.now();
        const p = `probe-${language}${major}`;
        const env = {
          ...probe.env,
          PROBE_URL: gw.url.replace('127.0.0.1', 'localhost'), // the gateway's certificate names localhost
          PROBE_CA: gw.caPath,
          PROBE_ADMIN_USER: 'elastic',
          PROBE_ADMIN_PASSWORD: PW,
          PROBE_PREFIX: p,
        };
        const r = await run(probe.command, probe.args, { env });
        t.diagnostic(`prepared in ${((prepared - began) / 1000).toFixed(1)} s, ran in ${((Date.now() - prepared) / 1000).toFixed(1)} s`);
        assert.equal(r.code, 0, `the ${language} probe failed:\n${r.stdout}\n${r.stderr}`);
        const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { client: string; steps: Steps };
        t.diagnostic(out.client);
        assert.match(out.client, new RegExp(`\\b${major}\\.\\d+\\.\\d+`), 'the probe ran the client of the major asked for');
        assert.deepEqual(mismatches(language, p, out.steps), [], `${out.client}: steps that differ from Elasticsearch`);
        assert.ok(!JSON.stringify(out.steps).includes(USER_PASSWORD), 'no password comes back');
      });
    }
  }
});
