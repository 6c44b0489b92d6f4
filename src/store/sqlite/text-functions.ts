import type { DatabaseSync } from 'node:sqlite';
import { analyze } from '../query.ts';

/**
 * `es_analyze(text)`: the words ES's standard analyzer indexes for a text field, as a JSON array (NULL for
 * NULL), so a query on a text field is a `json_each` over them.
 */
export function registerTextFunctions(db: DatabaseSync): void {
  db.function('es_analyze', { deterministic: true }, (value) => (typeof value === 'string' ? JSON.stringify(analyze(value)) : null));
}
