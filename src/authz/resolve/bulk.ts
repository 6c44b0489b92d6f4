/**
 * `_bulk`: every item's op and index, read from the action lines as ES reads them (path index as default).
 * Action lines must be JSON objects with exactly one op; a line that cannot be read refuses the request
 * (ES refuses it too), so no item can hide from authorization.
 */
import { EsError } from '../../core/errors.ts';
import { STRICT_SINGLE } from '../indices/options.ts';
import { parseStrictJsonBytes } from './strict-json.ts';
import { splitLines, isBlank } from './ndjson.ts';
import type { BulkItem, Resolution } from './types.ts';
import { type ResolveContext, isObject, indicesResolution } from './context.ts';

export const BULK_ACTION = 'indices:data/write/bulk';
const OPS = new Set(['index', 'create', 'update', 'delete']);

/** ES's item-level action names (what bulk item denials name). */
export function bulkItemAction(op: string): string {
  switch (op) {
    case 'create':
      return 'indices:data/write/index:op_type/create';
    case 'index':
      return 'indices:data/write/index:op_type/index';
    case 'update':
      return 'indices:data/write/update';
    default:
      return 'indices:data/write/delete';
  }
}

export function resolveBulk(ctx: ResolveContext): Resolution {
  const defaultIndex = ctx.params.index;
  const defaultPipeline = ctx.query.get('pipeline');
  const lines = splitLines(ctx.raw ?? Buffer.alloc(0));
  const items: BulkItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseStrictJsonBytes(line);
    } catch (e) {
      throw malformed(i + 1, (e as Error).message);
    }
    if (!isObject(parsed)) throw malformed(i + 1, 'expected an object');
    const keys = Object.keys(parsed);
    if (keys.length !== 1 || !OPS.has(keys[0])) throw new EsError('illegal_argument', `Malformed action/metadata line [${i + 1}], expected one of [create, delete, index, update] but found [${keys[0] ?? ''}]`);
    const op = keys[0];
    const meta = parsed[op];
    if (!isObject(meta)) throw malformed(i + 1, 'expected an object');
    const explicit = meta._index;
    if (explicit !== undefined && typeof explicit !== 'string') throw malformed(i + 1, '[_index] must be a string');
    const index = explicit ?? defaultIndex;
    if (index === undefined || index === '') throw new EsError('validation', 'Validation Failed: 1: index is missing;');
    const id = typeof meta._id === 'string' ? meta._id : meta._id === undefined || meta._id === null ? null : String(meta._id);
    const itemLines = [line];
    i++;
    if (op !== 'delete') {
      if (i >= lines.length) throw new EsError('illegal_argument', 'The bulk request must be terminated by a newline [\\n]');
      itemLines.push(lines[i]);
      i++;
    }
    if (meta.pipeline !== undefined && typeof meta.pipeline !== 'string') throw malformed(i, '[pipeline] must be a string');
    const pipeline = op === 'delete' ? undefined : ((meta.pipeline as string | undefined) ?? defaultPipeline);
    const script = op === 'update' && hasScript(itemLines[1], i);
    items.push({ op, index, id, lines: itemLines, actionObject: parsed, rewriteIndex: index.startsWith('<'), script, pipeline });
  }
  return indicesResolution(BULK_ACTION, [], { items: { kind: 'bulk', items }, anyIndex: BULK_ACTION });
}

/** Whether an update item's source line carries a script (which may turn the update into a delete). */
function hasScript(line: Buffer, lineNo: number): boolean {
  let source: unknown;
  try {
    source = parseStrictJsonBytes(line);
  } catch (e) {
    throw malformed(lineNo, (e as Error).message);
  }
  return isObject(source) && source.script !== undefined;
}

function malformed(line: number, why: string): EsError {
  return new EsError('illegal_argument', `Malformed action/metadata line [${line}], ${why}`);
}

export const BULK_OPTIONS = STRICT_SINGLE;
