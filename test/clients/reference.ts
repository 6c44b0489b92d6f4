// Runs every probe against a real Elasticsearch (security on) and prints the steps that differ from
// test/clients/expected.ts: proof that the expectations are Elasticsearch's answers.
//   node test/clients/reference.ts URL USER PASSWORD    (e.g. the reference: bash ../shared/tools/es-ref.sh url)
import { LANGUAGES, prepare, run, type Major } from './toolchains.ts';
import { mismatches } from './expected.ts';

const [url, user, password] = process.argv.slice(2);
if (!url || !user || !password) throw new Error('usage: node test/clients/reference.ts URL USER PASSWORD');
let failed = 0;
for (const language of LANGUAGES) {
  for (const major of [8, 9] as Major[]) {
    const probe = await prepare(language, major);
    const p = `i15-clients-${language}${major}`;
    const env = { ...probe.env, PROBE_URL: url, PROBE_ADMIN_USER: user, PROBE_ADMIN_PASSWORD: password, PROBE_PREFIX: p };
    const r = await run(probe.command, probe.args, { env });
    const out = r.code === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()!) : { client: `${language} ${major}`, steps: {} };
    const found = r.code === 0 ? mismatches(language, p, out.steps) : [`exit ${r.code}: ${r.stderr.slice(-2000)}`];
    failed += found.length ? 1 : 0;
    console.log(`${found.length ? 'DIFFERS' : 'same   '} ${out.client}${found.map((f) => `\n  ${f}`).join('')}`);
  }
}
process.exit(failed ? 1 : 0);
