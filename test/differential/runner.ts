/**
 * Sends every step to the reference Elasticsearch and to the gateway, one after the other (the reference
 * first), and compares the two answers after normalising them (normalise.ts).
 */
import { compare } from './compare.ts';
import { normalise, sortAt } from './normalise.ts';
import { send } from './send.ts';
import type { Actor, Answer, Step, StepResult } from './types.ts';

export const ADMIN: readonly [string, string] = ['x_pack_rest_user', 'x-pack-test-password'];
export const ELASTIC: readonly [string, string] = ['elastic', 'x-pack-test-password'];

interface Side {
  readonly url: string;
  readonly vars: Map<string, string>;
}

const basic = ([u, p]: readonly [string, string]) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function fill(text: string, vars: Map<string, string>): string {
  return text.replace(/\{\{([\w.-]+)\}\}/g, (_, name: string) => {
    const v = vars.get(name);
    if (v === undefined) return `{{${name}: not saved}}`;
    return v;
  });
}

function fillDeep(value: unknown, vars: Map<string, string>): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, vars), fillDeep(v, vars)]));
  return value;
}

function authorization(actor: Actor, vars: Map<string, string>): string | undefined {
  if (actor === 'admin') return basic(ADMIN);
  if (actor === 'elastic') return basic(ELASTIC);
  if (actor === 'none') return undefined;
  if ('basic' in actor) return basic(actor.basic);
  if ('apiKey' in actor) return `ApiKey ${vars.get(actor.apiKey) ?? 'not-saved'}`;
  if ('bearer' in actor) return `Bearer ${vars.get(actor.bearer) ?? 'not-saved'}`;
  return fill(actor.header, vars);
}

function at(body: unknown, path: string): unknown {
  let node = body;
  for (const p of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    // `*`: the first member (an object keyed by generated ids, as `nodes`).
    node = p === '*' ? Object.values(node)[0] : (node as Record<string, unknown>)[p];
  }
  return node;
}

async function sendStep(side: Side, step: Step): Promise<Answer> {
  const headers: Record<string, string> = {};
  const auth = authorization(step.as ?? 'admin', side.vars);
  if (auth !== undefined) headers.authorization = auth;
  for (const [k, v] of Object.entries(step.headers ?? {})) headers[k] = fill(v, side.vars);
  const body = step.raw !== undefined ? fill(step.raw, side.vars) : step.body === undefined ? undefined : JSON.stringify(fillDeep(step.body, side.vars));
  let answer: Answer;
  try {
    answer = await send(side.url, step.method, fill(step.path, side.vars), headers, body);
  } catch (e) {
    answer = { status: 0, body: `no answer: ${(e as Error).message}` };
  }
  for (const [name, path] of Object.entries(step.save ?? {})) {
    const v = at(answer.body, path);
    if (typeof v === 'string') side.vars.set(name, v);
  }
  return answer;
}

export async function runSteps(steps: readonly Step[], referenceUrl: string, gatewayUrl: string): Promise<StepResult[]> {
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) throw new Error(`duplicate step id ${s.id}`);
    ids.add(s.id);
  }
  const reference: Side = { url: referenceUrl, vars: new Map() };
  const gateway: Side = { url: gatewayUrl, vars: new Map() };
  const results: StepResult[] = [];
  for (const step of steps) {
    const r = await sendStep(reference, step);
    const g = await sendStep(gateway, step);
    const rn = sortAt(normalise(r.body, reference.vars), step.unordered ?? []);
    const gn = sortAt(normalise(g.body, gateway.vars), step.unordered ?? []);
    const differences = compare(r.status, g.status, 'status');
    compare(rn, gn, 'body', differences);
    results.push({ step, reference: { status: r.status, body: rn }, gateway: { status: g.status, body: gn }, differences });
  }
  return results;
}
