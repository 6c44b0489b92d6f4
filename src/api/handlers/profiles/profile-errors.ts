import type { EsError } from '../../../core/errors.ts';

/** ES's `errors` object of the multi-profile APIs: how many uids failed and why, by uid. */
export function errorsJson(errors: Readonly<Record<string, EsError>>): { count: number; details: Record<string, unknown> } | undefined {
  const uids = Object.keys(errors);
  if (uids.length === 0) return undefined;
  return { count: uids.length, details: Object.fromEntries(uids.map((u) => [u, { type: errors[u].type, reason: errors[u].message, ...errors[u].fields }])) };
}
