import { EsError } from '../../core/errors.ts';
import { parseTimeValue } from '../../config/time-value.ts';

/**
 * An API key's `expiration` (an ES time value such as `30d`, `1h`, `90m`) as milliseconds from now, with
 * ES's error when it is not one. Null/absent means the key never expires.
 */
export function parseExpiration(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new EsError('x_content_parse', `[create_api_key_request] failed to parse field [expiration]`);
  }
  const ms = parseTimeValue(value);
  if (ms === null || !/[a-z]$/i.test(value.trim())) {
    throw new EsError('parse', `failed to parse setting [expiration] with value [${value}] as a time value: unit is missing or unrecognized`, {
      type: 'illegal_argument_exception',
      status: 400,
    });
  }
  if (ms <= 0) throw new EsError('validation', 'Validation Failed: 1: expiration must be greater than 0;');
  return ms;
}
