import { EsError, illegalArgument, validationError } from '../../core/errors.ts';
import type { RoleDescriptor, RoleDescriptors } from '../../core/role-descriptor.ts';
import { requireObjectBody, tokenName, wrongType } from '../../api/body.ts';
import { parseExpiration } from './expiration.ts';

export type DescriptorParser = (name: string, json: unknown) => RoleDescriptor;

export interface KeyFields {
  readonly name?: string | null;
  /** Milliseconds from now; null = no expiry; undefined = not given. */
  readonly expiresInMs?: number | null;
  readonly roleDescriptors?: RoleDescriptors;
  readonly metadata?: Record<string, unknown>;
}

const MAX_NAME = 1024;

/**
 * Reads the body of create/grant/update: `name`, `expiration`, `role_descriptors`, `metadata`, with ES's
 * parse errors for unknown fields and wrong types and its validation of names and metadata.
 */
export function parseKeyFields(body: unknown, parse: DescriptorParser, opts: { request: string; allowName: boolean; requireName: boolean }): KeyFields {
  const o = requireObjectBody(body);
  const out: { -readonly [K in keyof KeyFields]: KeyFields[K] } = {};
  for (const [field, v] of Object.entries(o)) {
    if (field === 'name' && opts.allowName) {
      if (v !== null && typeof v !== 'string') throw wrongType('name', 'string', v);
      out.name = v as string | null;
    } else if (field === 'expiration') out.expiresInMs = parseExpiration(v);
    else if (field === 'role_descriptors') out.roleDescriptors = parseDescriptors(v, parse);
    else if (field === 'metadata') {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw wrongType('metadata', 'object', v);
      out.metadata = v as Record<string, unknown>;
    } else throw new EsError('x_content_parse', `[1:2] [${opts.request}] unknown field [${field}]`);
  }
  const problems: string[] = [];
  if (opts.requireName && (out.name === undefined || out.name === null || out.name === '')) problems.push('api key name is required');
  if (typeof out.name === 'string' && out.name !== '') {
    if (out.name.length > MAX_NAME) problems.push(`api key name may not be more than [${MAX_NAME}] characters long`);
    if (out.name !== out.name.trim()) problems.push('api key name may not begin or end with whitespace');
    if (out.name.startsWith('_')) problems.push('api key name may not begin with an underscore');
  }
  if (out.metadata && Object.keys(out.metadata).some((k) => k.startsWith('_'))) problems.push('API key metadata keys may not start with [_]');
  if (problems.length) throw validationError(problems);
  return out;
}

function parseDescriptors(v: unknown, parse: DescriptorParser): RoleDescriptors {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new EsError('x_content_parse', `failed to parse field [role_descriptors]: expected an object, but found [${tokenName(v)}] instead`);
  }
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, json]) => [name, parse(name, json)]));
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

/** ES's rules for invalidate selections (IllegalArgumentException → 400). */
export function checkInvalidateSelection(s: KeySelection): void {
  if (s.ids !== undefined) {
    if (s.ids.length === 0) throw illegalArgument('Argument [apiKeyIds] cannot be an empty array');
    const blanks = s.ids.flatMap((id, i) => (id.trim() === '' ? [i] : []));
    if (blanks.length) {
      throw illegalArgument(`Argument [apiKeyIds] must not contain blank id, but got blank ${blanks.length === 1 ? 'id' : 'ids'} at index ${blanks.length === 1 ? 'position' : 'positions'}: [${blanks.join(', ')}]`);
    }
  }
  const has = (x: string | undefined) => x !== undefined && x.trim() !== '';
  if (!has(s.realmName) && !has(s.username) && s.ids === undefined && !has(s.name) && !s.owner) {
    throw illegalArgument('One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false');
  }
  if ((s.ids !== undefined || has(s.name)) && (has(s.realmName) || has(s.username))) {
    throw illegalArgument('username or realm name must not be specified when the api key id(s) or api key name is specified');
  }
  if (s.owner && (has(s.realmName) || has(s.username))) {
    throw illegalArgument('neither username nor realm-name may be specified when invalidating owned API keys');
  }
  if (s.ids !== undefined && has(s.name)) throw illegalArgument('only one of [api key id(s), api key name] can be specified');
}

/** ES's rules for get selections (validation errors). */
export function checkGetSelection(s: KeySelection): void {
  const problems: string[] = [];
  const has = (x: string | undefined) => x !== undefined && x !== '';
  if ((s.ids !== undefined || has(s.name)) && (has(s.realmName) || has(s.username))) {
    problems.push('username or realm name must not be specified when the api key id(s) or api key name is specified');
  }
  if (s.owner && (has(s.realmName) || has(s.username))) problems.push('neither username nor realm-name may be specified when retrieving owned API keys');
  if (s.ids !== undefined && has(s.name)) problems.push('only one of [api key id(s), api key name] can be specified');
  if (problems.length) throw validationError(problems);
}

export function unknownField(request: string, field: string): EsError {
  return new EsError('x_content_parse', `[1:2] [${request}] unknown field [${field}]`);
}
