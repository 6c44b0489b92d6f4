// Which engine the test upstream (PORTCULLIS_TEST_UPSTREAM) is: scripts/test.ts sets
// PORTCULLIS_TEST_UPSTREAM_FLAVOR for the upstream it started; a preset upstream without it is asked.
// Tests that assert something that genuinely differs between the engines (a module one of them lacks)
// ask `upstreamFlavor()` and say why in a comment.

import { FLAVORS, type Flavor } from './node-process.ts';

export { FLAVORS, type Flavor } from './node-process.ts';

/**
 * The flavour an upstream's `GET /` shows: every Elasticsearch answer carries `X-elastic-product:
 * Elasticsearch` (even the 405 of the integ-test zip, which has no `GET /` handler: no rest-root module);
 * OpenSearch's body says `version.distribution: opensearch`.
 */
export function flavorOf(answer: { productHeader: string | null; body: unknown }): Flavor | undefined {
  if (answer.productHeader === 'Elasticsearch') return 'elasticsearch';
  const version = (answer.body as { version?: { distribution?: unknown } } | null)?.version;
  return version?.distribution === 'opensearch' ? 'opensearch' : undefined;
}

export async function detectFlavor(url: string): Promise<Flavor> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let body: unknown = null;
  try { body = JSON.parse(text); } catch { /* not JSON: judged by the header alone */ }
  const flavor = flavorOf({ productHeader: res.headers.get('x-elastic-product'), body });
  if (!flavor) throw new Error(`${url} is neither Elasticsearch nor OpenSearch: GET / answered ${res.status} ${text.slice(0, 200)}`);
  return flavor;
}

/** PORTCULLIS_TEST_UPSTREAM_FLAVOR if set (and valid), else what PORTCULLIS_TEST_UPSTREAM answers. */
export function parseFlavor(value: string | undefined): Flavor | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(FLAVORS as readonly string[]).includes(value)) throw new Error(`unknown upstream flavour ${JSON.stringify(value)} (expected ${FLAVORS.join(' or ')})`);
  return value as Flavor;
}

let cached: Promise<Flavor> | undefined;

export function upstreamFlavor(): Promise<Flavor> {
  const preset = parseFlavor(process.env.PORTCULLIS_TEST_UPSTREAM_FLAVOR);
  if (preset) return Promise.resolve(preset);
  const url = process.env.PORTCULLIS_TEST_UPSTREAM;
  if (!url) return Promise.reject(new Error('PORTCULLIS_TEST_UPSTREAM is not set (run the tests with `npm test`)'));
  return (cached ??= detectFlavor(url));
}
