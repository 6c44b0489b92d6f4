/**
 * `_bulk`: every item's op and index, read from the action lines as ES reads them (path index as default).
 * Action lines must be JSON objects with exactly one op; a line that cannot be read refuses the request
 * (ES refuses it too), so no item can hide from authorization.
 */
import { EsError } from '../../core/errors.ts';
import { STRICT_SINGLE } from '../indices/options.ts';
import { parseStrictJsonBytes } from './strict-json.ts';
import { runSync, runSliced, type Steps } from '../../lib/slices.ts';
import { Lines } from './ndjson.ts';
import type { BulkItem, Resolution } from './types.ts';
import { type ResolveContext, isObject, indicesResolution } from './context.ts';
import { checkLine } from '../grammar/index.ts';
import { BULK_ACTION_LINE, BULK_UPDATE_LINE } from '../grammar/tables/documents.ts';

export const BULK_ACTION = 'indices:data/write/bulk';
const OPS = new Map(['index', 'create', 'update', 'delete'].map((op) => [op, op]));

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
  return runSync(bulkSteps(ctx));
}

/** The same, giving the event loop a turn every few milliseconds (a 100 MB body holds millions of items). */
export function resolveBulkSliced(ctx: ResolveContext): Promise<Resolution> {
  return runSliced(bulkSteps(ctx));
}

const STEP = 128;

function* bulkSteps(ctx: ResolveContext): Steps<Resolution> {
  const defaultIndex = ctx.params.index;
  const defaultPipeline = ctx.query.get('pipeline');
  const raw = ctx.raw ?? Buffer.alloc(0);
  const lines = new Lines(raw);
  const names = new Interned();
  const items: BulkItem[] = [];
  for (let line = lines.next(); line; line = lines.next()) {
    if (items.length % STEP === 0) yield;
    if (lines.blank()) continue;
    const lineNo = lines.number;
    let parsed: unknown;
    try {
      parsed = parseStrictJsonBytes(raw.subarray(line.start, line.end));
    } catch (e) {
      throw malformed(lineNo, (e as Error).message);
    }
    if (!isObject(parsed)) throw malformed(lineNo, 'expected an object');
    const keys = Object.keys(parsed);
    if (keys.length !== 1 || !OPS.has(keys[0])) throw new EsError('illegal_argument', `Malformed action/metadata line [${lineNo}], expected one of [create, delete, index, update] but found [${keys[0] ?? ''}]`);
    const op = OPS.get(keys[0])!;
    const meta = parsed[op];
    if (!isObject(meta)) throw malformed(lineNo, 'expected an object');
    checkLine(BULK_ACTION_LINE, parsed);
    const explicit = meta._index;
    if (explicit !== undefined && typeof explicit !== 'string') throw malformed(lineNo, '[_index] must be a string');
    const index = names.of(explicit ?? defaultIndex);
    if (index === undefined || index === '') throw new EsError('validation', 'Validation Failed: 1: index is missing;');
    const id = typeof meta._id === 'string' ? meta._id : meta._id === undefined || meta._id === null ? null : String(meta._id);
    const actionStart = line.start;
    const actionEnd = line.end;
    let sourceStart = -1;
    let sourceEnd = -1;
    if (op !== 'delete') {
      const source = lines.next();
      if (!source) throw new EsError('illegal_argument', 'The bulk request must be terminated by a newline [\\n]');
      sourceStart = source.start;
      sourceEnd = source.end;
    }
    if (meta.pipeline !== undefined && typeof meta.pipeline !== 'string') throw malformed(lineNo, '[pipeline] must be a string');
    const pipeline = op === 'delete' ? undefined : names.of((meta.pipeline as string | undefined) ?? defaultPipeline);
    const script = op !== 'delete' && checkedSource(op, raw.subarray(sourceStart, sourceEnd), lineNo + 1);
    const rewriteIndex = index.startsWith('<');
    items.push({ op, index, id, raw, actionStart, actionEnd, sourceStart, sourceEnd, actionObject: rewriteIndex ? parsed : undefined, rewriteIndex, script, pipeline });
  }
  return indicesResolution(BULK_ACTION, [], { items: { kind: 'bulk', items }, anyIndex: BULK_ACTION });
}

/** One string object per distinct index or pipeline name of a request (millions of items name a few indices). */
class Interned {
  readonly #m = new Map<string, string>();
  of<T extends string | undefined>(s: T): T {
    if (s === undefined) return s;
    const known = this.#m.get(s);
    if (known !== undefined) return known as T;
    if (this.#m.size < 10_000) this.#m.set(s, s);
    return s;
  }
}

/**
 * A document (index/create) or update line, parsed strictly (an update checked against its grammar); the
 * validated bytes are forwarded as they are, so a stored `_source` keeps its exact text. Whether an update
 * carries a script (which may turn the update into a delete).
 */
function checkedSource(op: string, line: Buffer, lineNo: number): boolean {
  let source: unknown;
  try {
    source = parseStrictJsonBytes(line);
  } catch (e) {
    throw malformed(lineNo, (e as Error).message);
  }
  if (op !== 'update') return false;
  checkLine(BULK_UPDATE_LINE, source);
  return isObject(source) && source.script !== undefined;
}

function malformed(line: number, why: string): EsError {
  return new EsError('illegal_argument', `Malformed action/metadata line [${line}], ${why}`);
}

export const BULK_OPTIONS = STRICT_SINGLE;
