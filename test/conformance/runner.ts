/**
 * Runs the test cases of one suite: for each case, check prerequisites, then setup, the test's
 * steps and teardown (which runs even after a failure), then the harness clean-up.
 */
import type { Client } from '@elastic/elasticsearch';
import { check } from './assertions.ts';
import { callApi, warningHeaders, type ApiResponse } from './client-call.ts';
import { evaluatePath } from './object-path.ts';
import { mergePrerequisites, skipReason, type ClusterFacts } from './prerequisites.ts';
import { catchFailure } from './catch.ts';
import { Stash } from './stash.ts';
import type { DoCall, Section, Step, Suite } from './suite.ts';
import { compact, javaToString } from './values.ts';
import { checkWarnings } from './warnings.ts';

export type Status = 'pass' | 'fail' | 'skip';

export interface Failure {
  section: 'setup' | 'test' | 'teardown';
  line: number;
  step: string;
  message: string;
  /** `HTTP <status> <body>` of the last response, cut short. */
  response?: string;
}

export interface CaseResult {
  file: string;
  name: string;
  key: string;
  status: Status;
  /** Why it was skipped. */
  reason?: string;
  failure?: Failure;
  durationMs: number;
  /** Clean-up or isolation remarks (not failures). */
  notes?: string[];
}

export interface RunContext {
  client: Client;
  /** The Authorization header every request carries unless a step sets its own. */
  adminAuthorization: string;
  facts: ClusterFacts;
  /** Reason when the ratchet file lists the case as skipped. */
  ratchetSkip(key: string): string | undefined;
  /** Harness clean-up between cases; returns remarks for the report. */
  afterCase(): Promise<string[]>;
  /** Non-null when the cluster cannot run cases any more (the gateway died and did not restart). */
  unavailable(): string | null;
}

export const caseKey = (file: string, name: string) => `${file} :: ${name}`;

export async function runSuite(suite: Suite, ctx: RunContext, onResult: (r: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const test of suite.tests) {
    const r = await runCase(suite, test.name, test.section, ctx);
    results.push(r);
    onResult(r);
  }
  return results;
}

async function runCase(suite: Suite, name: string, section: Section, ctx: RunContext): Promise<CaseResult> {
  const started = Date.now();
  const key = caseKey(suite.file, name);
  const base = { file: suite.file, name, key };
  const ratchet = ctx.ratchetSkip(key);
  if (ratchet !== undefined) return { ...base, status: 'skip', reason: `ratchet: ${ratchet}`, durationMs: 0 };
  const prereq = mergePrerequisites(suite.setup?.prerequisites ?? mergePrerequisites(), suite.teardown?.prerequisites ?? mergePrerequisites(), section.prerequisites);
  const skip = await skipReason(prereq, ctx.facts);
  if (skip !== null) return { ...base, status: 'skip', reason: skip, durationMs: 0 };
  const down = ctx.unavailable();
  if (down !== null) return { ...base, status: 'fail', failure: { section: 'setup', line: 0, step: 'cluster', message: down }, durationMs: 0 };

  const state = new CaseState(ctx);
  let failure: Failure | undefined;
  try {
    failure = (suite.setup && (await state.runSteps('setup', suite.setup.steps))) || (await state.runSteps('test', section.steps));
  } finally {
    const teardownFailure = suite.teardown ? await state.runSteps('teardown', suite.teardown.steps) : undefined;
    failure ??= teardownFailure;
  }
  const notes = await ctx.afterCase();
  const result: CaseResult = { ...base, status: failure ? 'fail' : 'pass', durationMs: Date.now() - started };
  if (failure) result.failure = failure;
  if (notes.length) result.notes = notes;
  return result;
}

/** The stash and last response of one running case. */
class CaseState {
  readonly stash = new Stash();
  response: ApiResponse | undefined;
  readonly ctx: RunContext;

  constructor(ctx: RunContext) {
    this.ctx = ctx;
  }

  async runSteps(section: Failure['section'], steps: Step[]): Promise<Failure | undefined> {
    for (const step of steps) {
      let message: string | null;
      try {
        message = await this.runStep(step);
      } catch (e) {
        message = `${(e as Error).name}: ${(e as Error).message}`;
      }
      if (message !== null) {
        const failure: Failure = { section, line: step.line, step: describe(step), message };
        if (this.response) failure.response = `HTTP ${this.response.status} ${compact(this.response.body, 500)}`;
        return failure;
      }
    }
    return undefined;
  }

  async runStep(step: Step): Promise<string | null> {
    switch (step.kind) {
      case 'do':
        return this.runDo(step.call);
      case 'set':
        this.stash.set(step.name, this.lookup(step.path));
        return null;
      case 'transform_and_set':
        this.stash.set(step.name, this.transform(step.expr));
        return null;
      case 'assert': {
        const actual = this.lookup(step.field);
        const expected = step.expected === undefined ? undefined : this.stash.replaceStashedValues(step.expected);
        return check(step.name, step.field, actual, expected);
      }
    }
  }

  async runDo(call: DoCall): Promise<string | null> {
    if (call.catch === 'param') return null; // a client-side parameter error: nothing is sent
    const headers: Record<string, string> = { authorization: this.ctx.adminAuthorization };
    for (const [k, v] of Object.entries(call.headers)) headers[k] = javaToString(this.stash.replaceStashedValues(v));
    const result = await callApi(this.ctx.client, {
      api: call.api,
      params: this.stash.replaceStashedValues(call.params) as Record<string, unknown>,
      bodies: call.bodies === undefined ? undefined : (this.stash.replaceStashedValues(call.bodies) as unknown[]),
      rawBody: call.rawBody,
      headers,
      ignore: call.ignore,
    });
    this.response = result.response;
    this.stash.set('body', result.response?.body);
    if (result.kind === 'broken') return result.message;
    const response = result.response;
    if (call.catch !== undefined) return catchFailure(call.api, call.catch, response, result.error);
    if (result.error) return `expected [2xx] status code but api [${call.api}] returned [${response.status}]`;
    return checkWarnings(warningHeaders(response), call.warnings);
  }

  lookup(field: string): unknown {
    if (this.stash.containsStashedValue(field)) return this.stash.getValue(field);
    if (!this.response) throw new Error(`no response to look up [${field}] in: no do step ran yet`);
    return evaluatePath(this.response.body, field, this.stash.resolvePathPart);
  }

  transform(expr: string): unknown {
    const creds = /^#base64EncodeCredentials\((.*)\)$/.exec(expr);
    if (creds) {
      const args = creds[1].split(',');
      if (args.length !== 2) throw new Error('base64EncodeCredentials requires a username/id and a password parameter');
      const text = `${javaToString(this.lookup(args[0].trim()))}:${javaToString(this.lookup(args[1].trim()))}`;
      return Buffer.from(text, 'utf8').toString('base64');
    }
    const plain = /^#base64Encode\((.*)\)$/.exec(expr);
    if (plain) return Buffer.from(plain[1], 'utf8').toString('base64');
    return expr;
  }
}

function describe(step: Step): string {
  switch (step.kind) {
    case 'do':
      return `do ${step.call.api}${step.call.catch ? ` (catch ${step.call.catch})` : ''}`;
    case 'assert':
      return `${step.name} ${step.field || "''"}${step.expected === undefined ? '' : ` ${compact(step.expected, 120)}`}`;
    case 'set':
      return `set ${step.path} → ${step.name}`;
    case 'transform_and_set':
      return `transform_and_set ${step.name} = ${step.expr}`;
  }
}
