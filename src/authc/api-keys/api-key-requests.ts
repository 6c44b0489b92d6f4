import { EsError, illegalArgument, validationError } from '../../core/errors.ts';
import type { RoleDescriptor, RoleDescriptors } from '../../core/role-descriptor.ts';
import { buildError, fieldParseError, requireObjectBody, tokenName, unknownFieldError, valueTypeError } from '../../api/body.ts';
import { valueAt } from '../../lib/json-positions.ts';
import { parseExpiration } from './expiration.ts';

export type DescriptorParser = (name: string, json: unknown) => RoleDescriptor;

export interface KeyFields {
  readonly name?: string | null;
  /** Milliseconds from now; null = no expiry; undefined = not given. */
  readonly expiresInMs?: number | null;
  readonly roleDescriptors?: RoleDescriptors;
  readonly metadata?: Record<string, unknown>;
}

/** ES's limit (ApiKey name validation): longer names are a validation failure. */
const MAX_NAME = 256;

/** The fields ES's parsers of these requests know (for their "did you mean" suggestions). */
const KEY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  api_key_request: ['name', 'role_descriptors', 'expiration', 'metadata'],
  update_api_key_request_payload: ['role_descriptors', 'metadata', 'expiration'],
  bulk_update_api_key_request: ['ids', 'role_descriptors', 'metadata', 'expiration'],
};

/**
 * Reads the body of create/grant/update: `name`, `expiration`, `role_descriptors`, `metadata`, with ES's
 * parse errors for unknown fields and wrong types (positions included) and its validation of names and metadata.
 * `opts.request` is ES's parser name: api_key_request, update_api_key_request_payload, bulk_update_api_key_request.
 */
export function parseKeyFields(body: unknown, parse: DescriptorParser, opts: { request: string; allowName: boolean; requireName: boolean }): KeyFields {
  const parser = opts.request;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new EsError('x_content_parse', `[1:1] [${parser}] Expected START_OBJECT but was: ${tokenName(body)}`);
  }
  const o = requireObjectBody(body);
  const out: { -readonly [K in keyof KeyFields]: KeyFields[K] } = {};
  for (const [field, v] of Object.entries(o)) {
    if (field === 'ids' && parser === 'bulk_update_api_key_request') continue; // read by the bulk handler
    if (field === 'name' && opts.allowName) {
      if (typeof v !== 'string') throw valueTypeError(parser, o, 'name', v);
      out.name = v;
    } else if (field === 'expiration') {
      if (v !== null && typeof v !== 'string') throw valueTypeError(parser, o, 'expiration', v);
      try {
        out.expiresInMs = parseExpiration(v);
      } catch (e) {
        // The expiration is one of the constructing parser's arguments: converted when the request is built.
        if (e instanceof EsError && e.type === 'illegal_argument_exception') throw buildError(parser, e);
        throw e;
      }
    } else if (field === 'role_descriptors') out.roleDescriptors = parseDescriptors(parser, o, v, parse);
    else if (field === 'metadata') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw valueTypeError(parser, o, 'metadata', v);
      out.metadata = v as Record<string, unknown>;
    } else throw unknownFieldError(parser, o, field, KEY_FIELDS[parser] ?? []);
  }
  // `name` is the constructing parser's one required argument: without it the request is not built at all.
  if (opts.requireName && !('name' in o)) throw illegalArgument('Required [name]');
  const problems: string[] = [];
  if (opts.requireName && (out.name === undefined || out.name === null || out.name === '')) problems.push('api key name is required');
  if (typeof out.name === 'string' && out.name !== '') {
    if (out.name.length > MAX_NAME) problems.push(`api key name may not be more than ${MAX_NAME} characters long`);
    if (out.name !== out.name.trim()) problems.push('api key name may not begin or end with whitespace');
    if (out.name.startsWith('_')) problems.push('api key name may not begin with an underscore');
  }
  if (out.metadata && Object.keys(out.metadata).some((k) => k.startsWith('_'))) problems.push('API key metadata keys may not start with [_]');
  if (problems.length) throw validationError(problems);
  return out;
}

/**
 * `role_descriptors`: each descriptor parsed by the roles' parser. A parse failure is wrapped as ES's object
 * parsers wrap it (the request's field, then the descriptor's), at the position where parsing stopped: the
 * value of the unexpected field when the failure names one, else the descriptor.
 */
function parseDescriptors(parser: string, o: Record<string, unknown>, v: unknown, parse: DescriptorParser): RoleDescriptors {
  if (Array.isArray(v)) {
    throw fieldParseError(parser, o, 'role_descriptors', illegalArgument('[role_descriptors] doesn\'t support arrays. Use a single object with multiple fields.'));
  }
  if (v === null || typeof v !== 'object') throw valueTypeError(parser, o, 'role_descriptors', v);
  const out: Record<string, RoleDescriptor> = {};
  for (const [name, json] of Object.entries(v as Record<string, unknown>)) {
    try {
      out[name] = parse(name, json);
    } catch (e) {
      if (!(e instanceof EsError) || (e.type !== 'parse_exception' && e.type !== 'x_content_parse_exception')) throw e;
      const field = /unexpected field \[([^\]]+)\]/.exec(e.message)?.[1];
      const at = field !== undefined && json !== null && typeof json === 'object' && field in json ? valueAt(json, field) : valueAt(v, name);
      throw fieldParseError(parser, o, 'role_descriptors', fieldParseError('role_descriptors', v, name, e, at), at);
    }
  }
  return out;
}

/** Whether any descriptor grants anything (ES's rule for keys derived from an API key). */
export function grantsAnyPrivileges(descriptors: RoleDescriptors | undefined): boolean {
  if (descriptors === undefined || Object.keys(descriptors).length === 0) return true;
  return Object.values(descriptors).some(
    (d) => (d.cluster?.length ?? 0) > 0 || (d.indices?.length ?? 0) > 0 || (d.applications?.length ?? 0) > 0 || (d.run_as?.length ?? 0) > 0 || (d.remote_indices?.length ?? 0) > 0,
  );
}

/** Selection of the get/invalidate APIs. */
export interface KeySelection {
  readonly ids?: readonly string[];
  readonly name?: string;
  readonly username?: string;
  readonly realmName?: string;
  readonly owner: boolean;
}

/** ES's rules for invalidate selections: blank ids fail the request's build, the rest its validation. */
export function checkInvalidateSelection(s: KeySelection): void {
  if (s.ids !== undefined) {
    const blanks = s.ids.flatMap((id, i) => (id.trim() === '' ? [i] : []));
    const p = s.ids.length === 0 ? 'Field [ids] cannot be an empty array' : blanks.length ? `Field [ids] must not contain blank id, but got blank ${blanks.length === 1 ? 'id' : 'ids'} at index ${blanks.length === 1 ? 'position' : 'positions'}: [${blanks.join(', ')}]` : undefined;
    if (p) throw buildError('invalidate_api_key', validationError([p]));
  }
  const has = (x: string | undefined) => x !== undefined && x.trim() !== '';
  const problems: string[] = [];
  if (!has(s.realmName) && !has(s.username) && s.ids === undefined && !has(s.name) && !s.owner) {
    problems.push('One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false');
  }
  if ((s.ids !== undefined || has(s.name)) && (has(s.realmName) || has(s.username))) {
    problems.push('username or realm name must not be specified when the api key id(s) or api key name are specified');
  }
  if (s.owner && (has(s.realmName) || has(s.username))) problems.push('neither username nor realm-name may be specified when invalidating owned API keys');
  if (s.ids !== undefined && has(s.name)) problems.push('only one of [api key id(s), api key name] can be specified');
  if (problems.length) throw validationError(problems);
}

/** ES's rules for get selections (validation errors). */
export function checkGetSelection(s: KeySelection): void {
  const problems: string[] = [];
  const has = (x: string | undefined) => x !== undefined && x !== '';
  if ((s.ids !== undefined || has(s.name)) && (has(s.realmName) || has(s.username))) {
    problems.push('username or realm name must not be specified when the api key id or api key name is specified');
  }
  if (s.owner && (has(s.realmName) || has(s.username))) problems.push('neither username nor realm-name may be specified when retrieving owned API keys');
  if (s.ids !== undefined && has(s.name)) problems.push('only one of [api key id, api key name] can be specified');
  if (problems.length) throw validationError(problems);
}
