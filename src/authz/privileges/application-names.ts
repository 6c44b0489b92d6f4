/**
 * ES's rules for application names, application privilege names and their actions (ApplicationPrivilege).
 * Each validator returns ES's message, or null when the value is valid.
 */
const VALID_APPLICATION_PREFIX = /^[a-z][A-Za-z0-9]*$/;
const WHITESPACE = /[\s\u0085\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const VALID_NAME = /^[a-z][a-zA-Z0-9_.-]*$/;
const VALID_NAME_OR_ACTION = /^[\x21-\x7e]*$/;
/** ES's Strings.INVALID_FILENAME_CHARS, in the order ES prints them. */
const INVALID_FILENAME_CHARS = ' "*,/<>?\\|';

export function validateApplicationName(application: string, allowWildcard: boolean): string | null {
  if (application.length === 0) return 'Application names cannot be blank';
  const asterisk = application.indexOf('*');
  if (asterisk !== -1) {
    if (!allowWildcard) return `Application names may not contain '*' (found '${application}')`;
    if (application === '*') return null;
    if (asterisk !== application.length - 1) return `Application name patterns only support trailing wildcards (found '${application}')`;
  }
  if (WHITESPACE.test(application)) return `Application names may not contain whitespace (found '${application}')`;
  const sep = application.search(/[_-]/);
  let prefix = sep < 0 ? application : application.slice(0, sep);
  if (prefix.endsWith('*')) prefix = prefix.slice(0, -1);
  if (!VALID_APPLICATION_PREFIX.test(prefix)) {
    return `An application name prefix must match the pattern ^[a-z][A-Za-z0-9]*$ (found '${prefix}')`;
  }
  if (prefix.length < 3 && asterisk === -1) return `An application name prefix must be at least 3 characters long (found '${prefix}')`;
  if (sep >= 0) {
    let suffix = application.slice(sep + 1);
    if (allowWildcard && suffix.endsWith('*')) suffix = suffix.slice(0, -1);
    if ([...suffix].some((c) => INVALID_FILENAME_CHARS.includes(c))) {
      return `An application name suffix may not contain any of the characters '${INVALID_FILENAME_CHARS}' (found '${suffix}')`;
    }
  }
  return null;
}

export function isValidPrivilegeName(name: string): boolean {
  return VALID_NAME.test(name);
}

export function validatePrivilegeName(name: string): string | null {
  return isValidPrivilegeName(name) ? null : `Application privilege names must match the pattern ^[a-z][a-zA-Z0-9_.-]*$ (found '${name}')`;
}

export function validatePrivilegeOrActionName(name: string): string | null {
  return VALID_NAME_OR_ACTION.test(name) ? null : `Application privilege names and actions must match the pattern ^\\p{Graph}*$ (found '${name}')`;
}
