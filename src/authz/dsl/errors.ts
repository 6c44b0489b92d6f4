/** The 400s of the DSL walker, with Elasticsearch's exception types and reasons. */
import { EsError } from '../../core/errors.ts';

/** ES's `parsing_exception`. */
export const parsingError = (reason: string): EsError => new EsError('parse', reason, { type: 'parsing_exception' });

export const illegalDsl = (reason: string): EsError => new EsError('illegal_argument', reason);

/** The parser token ES names in its messages for a JSON value. */
export function tokenOf(v: unknown): string {
  if (v === null || v === undefined) return 'VALUE_NULL';
  if (Array.isArray(v)) return 'START_ARRAY';
  switch (typeof v) {
    case 'object':
      return 'START_OBJECT';
    case 'string':
      return 'VALUE_STRING';
    case 'number':
    case 'bigint':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    default:
      return 'VALUE_EMBEDDED_OBJECT';
  }
}

/** A refusal of a construct the gateway understands but cannot authorize (documented deviation from ES). */
export const refusedConstruct = (reason: string, at: string): EsError => illegalDsl(`${reason} (at [${at}])`);

/** ES's `mapper_parsing_exception` (400). */
export const mapperError = (reason: string): EsError => new EsError('parse', reason, { type: 'mapper_parsing_exception' });
