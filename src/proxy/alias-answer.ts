/**
 * Get-aliases answers filtered as ES filters them: ES replaces the request's alias names by those the caller is
 * granted, so its answer lists every requested index the caller may see, with only the visible aliases (and,
 * when alias names were asked for, only the indices that have one). The upstream is asked for the authorized
 * indices and all their aliases; the aliases the caller may not see are taken out here.
 */
import { EsError } from '../core/errors.ts';
import type { ForwardPlan } from '../authz/forward-authorizer.ts';
import type { UpstreamReply } from './upstream.ts';
import { decode, header } from './response-check.ts';

type Filter = NonNullable<ForwardPlan['filterAliases']>;

/** The filtered JSON answer, or the error when the answer cannot be read as JSON (then nothing is sent). */
export function filteredAliasAnswer(reply: UpstreamReply, filter: Filter, limit: number, pretty: boolean): Buffer {
  const encoding = header(reply.headers, 'content-encoding')?.trim().toLowerCase() ?? 'identity';
  const text = decode(reply.body, encoding, limit);
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text.toString('utf8'));
  } catch {
    json = undefined;
  }
  if (!isObject(json)) throw new EsError('illegal_argument', 'the gateway filters get-aliases answers and reads them as JSON only: ask without [format] or a non-JSON [Accept]');
  const out: Record<string, unknown> = {};
  for (const [index, entry] of Object.entries(json)) {
    if (!isObject(entry) || !isObject(entry.aliases)) {
      out[index] = entry;
      continue;
    }
    const aliases = Object.fromEntries(Object.entries(entry.aliases).filter(([alias]) => filter.visible(alias)));
    if (filter.dropEmpty && Object.keys(aliases).length === 0) continue;
    out[index] = { ...entry, aliases };
  }
  return Buffer.from(JSON.stringify(out, null, pretty ? 2 : undefined));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
