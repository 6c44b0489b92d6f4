/** One switch from a field's role to the walker of that role. */
import { isObject } from '../resolve/context.ts';
import { Role, LookupAction, type Roles } from './roles.ts';
import { parsingError, refusedConstruct } from './errors.ts';
import { deeper, type WalkState } from './state.ts';
import { walkQuery, walkQueries, walkNamedQueries, walkWrapper, walkLike, walkPinnedDocs, walkScoreFunctions, walkVectorBuilder } from './queries.ts';
import { walkAggs } from './aggs.ts';
import { walkSort, walkHighlight, walkCollapse, walkRescore, walkKnnSection, walkSuggest, walkRetriever, walkRetrievers, walkInnerHits } from './sections.ts';
import { walkScript, walkDeepScripts, walkRuntimeMappings, walkDerived, walkScriptFields } from './fields.ts';

export function walkRole(role: Role, v: unknown, s: WalkState, at: string, reason?: string): void {
  switch (role) {
    case Role.inert:
      return;
    case Role.query:
      return walkQuery(v, s, at);
    case Role.queries:
      return walkQueries(v, s, at);
    case Role.namedQueries:
      return walkNamedQueries(v, s, at);
    case Role.aggs:
      return walkAggs(v, s, at);
    case Role.script:
      return walkScript(v, s, at);
    case Role.deepScripts:
      return walkDeepScripts(v, s, at);
    case Role.innerHits:
      return walkInnerHits(v, s, at);
    case Role.sort:
      return walkSort(v, s, at);
    case Role.highlight:
      return walkHighlight(v, s, at);
    case Role.scriptFields:
      return walkScriptFields(v, s, at);
    case Role.runtimeMappings:
      return walkRuntimeMappings(v, s, at, false);
    case Role.derived:
      return walkDerived(v, s, at);
    case Role.collapse:
      return walkCollapse(v, s, at);
    case Role.rescore:
      return walkRescore(v, s, at);
    case Role.knn:
      return walkKnnSection(v, s, at);
    case Role.suggest:
      return walkSuggest(v, s, at);
    case Role.retriever:
      return walkRetriever(v, s, at);
    case Role.retrievers:
      return walkRetrievers(v, s, at);
    case Role.wrapper:
      return walkWrapper(v, s, at);
    case Role.like:
      return walkLike(v, s, at);
    case Role.pinnedDocs:
      return walkPinnedDocs(v, s, at, LookupAction.search);
    case Role.scoreFunctions:
      return walkScoreFunctions(v, s, at);
    case Role.scriptScore:
    case Role.valueSource:
      return walkParams(v, { script: Role.script, filter: Role.query }, s, at);
    case Role.vectorBuilder:
      return walkVectorBuilder(v, s, at);
    case Role.refuse:
      throw refusedConstruct(reason ?? `[${lastName(at)}] is not supported through the gateway`, at);
  }
}

/** Walks the fields of `v` that have a role in `roles`; every other field is inert. */
export function walkParams(v: unknown, roles: Roles, s: WalkState, at: string, what = lastName(at)): void {
  if (!isObject(v)) throw parsingError(`[${what}] expected an object, found [${Array.isArray(v) ? 'an array' : typeof v}]`);
  deeper(s, () => {
    for (const k in v) {
      const role = roles[k];
      if (role !== undefined && v[k] !== null) walkRole(role, v[k], s, `${at}.${k}`);
    }
  });
}

/** Each element of an array (or the value itself when it is not one). */
export function eachOf(v: unknown, at: string, fn: (x: unknown, at: string) => void): void {
  if (Array.isArray(v)) v.forEach((x, i) => fn(x, `${at}[${i}]`));
  else fn(v, at);
}

function lastName(at: string): string {
  const m = /([^.[\]]+)\]?$/.exec(at);
  return m ? m[1] : at;
}
