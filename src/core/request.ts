import type { Secret } from './secret.ts';

/** The read-only view of an HTTP request that realms, authorization and audit see. */
export interface RequestInfo {
  readonly id: string;
  readonly method: string;
  /** Path and query as received (ES's `request.uri()`), used in messages. */
  readonly uri: string;
  /** Decoded path without the query string. */
  readonly path: string;
  readonly remoteAddress: string;
  readonly remotePort?: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Credentials parsed from the request; secrets stay wrapped. */
export type Credentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: Secret }
  | { readonly kind: 'bearer'; readonly token: Secret }
  /** `invalid`: the header could not be read (ES's reason); the API key authenticator reports it and the chain goes on. */
  | { readonly kind: 'api_key'; readonly id: string; readonly key: Secret; readonly invalid?: string }
  | { readonly kind: 'negotiate'; readonly token: Secret }
  | { readonly kind: 'none' };
