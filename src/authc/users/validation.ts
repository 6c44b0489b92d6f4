/** ES's name rules for users and roles: printable Basic Latin, 1..max characters, no leading/trailing space. */
const VALID_NAME = /^[\x20-\x7e]+$/;
const NAME_RULES =
  'names must be at least 1 and no more than %s characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed.';

/** Native usernames are limited to 507 characters in ES (the rest of 512 is its document id prefix). */
export const MAX_NATIVE_NAME_LENGTH = 507;
export const MAX_NAME_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 6;

export function validateName(kind: 'User' | 'Role', name: string, maxLength: number): string | null {
  const ok = name.length >= 1 && name.length <= maxLength && VALID_NAME.test(name) && !name.startsWith(' ') && !name.endsWith(' ');
  return ok ? null : `${kind} ${NAME_RULES.replace('%s', String(maxLength))}`;
}

export function validatePasswordLength(length: number): string | null {
  return length >= MIN_PASSWORD_LENGTH ? null : `passwords must be at least [${MIN_PASSWORD_LENGTH}] characters long`;
}

export function hasReservedMetadata(metadata: Record<string, unknown> | undefined): boolean {
  return metadata !== undefined && Object.keys(metadata).some((k) => k.startsWith('_'));
}
