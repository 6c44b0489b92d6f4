/**
 * Which engine the upstream cluster runs, as its answers show it. Elasticsearch (7.14 on) marks every answer
 * with `X-elastic-product: Elasticsearch`, errors included; OpenSearch never sends that header. So one answer
 * carrying it means Elasticsearch, and a success without it means OpenSearch. An error without it proves
 * nothing: it may come from a proxy or a load balancer in front of the cluster.
 */

export type UpstreamFlavor = 'elasticsearch' | 'opensearch';

const PRODUCT_HEADER = 'x-elastic-product';

/** The flavour one answer shows (`product`: its `X-elastic-product` value), or undefined when it shows none. */
export function flavorOfAnswer(status: number, product: string | undefined): UpstreamFlavor | undefined {
  if (product === 'Elasticsearch') return 'elasticsearch';
  if (product === undefined && status >= 200 && status < 300) return 'opensearch';
  return undefined;
}

/** `X-elastic-product` of a flat raw header list (`[name, value, …]`, as undici's `responseHeaders: 'raw'`). */
export function productOfRaw(raw: readonly (string | Buffer)[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === PRODUCT_HEADER.length && String(name).toLowerCase() === PRODUCT_HEADER) return String(raw[i + 1]);
  }
  return undefined;
}

/**
 * Whether Elasticsearch's versioned media types (`application/vnd.elasticsearch+json; compatible-with=N`) go
 * upstream as plain JSON: for OpenSearch, which refuses them, and while the flavour is not known yet (plain JSON
 * is read by both). Elasticsearch gets them as sent, so it answers in the compatibility mode the client asked for.
 */
export function plainMediaTypesFor(flavor: UpstreamFlavor | undefined): boolean {
  return flavor !== 'elasticsearch';
}
