import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDateMath, DateMathError, zoneOf } from './date-math.ts';
import { RECORDED_AT, NAMES, ERRORS, NAMED_RECORDED_AT, NAMED } from './date-math.fixture.ts';

const failure = (expr: string) => {
  try {
    return { name: resolveDateMath(expr, RECORDED_AT) };
  } catch (e) {
    assert.ok(e instanceof DateMathError, `${expr}: ${(e as Error).stack}`);
    return { type: e.type, reason: e.message, ...(e.causedBy ? { caused_by: e.causedBy } : {}), root: e.esException ? e.type : 'security_exception' };
  }
};

describe('date math index names, as ES 9.1.5 resolved them', () => {
  it(`every recorded name (${NAMES.length} patterns, zones and math expressions)`, () => {
    const diffs: string[] = [];
    for (const [expr, want] of NAMES) {
      const got = failure(expr);
      const ok = typeof want === 'string' ? got.name === want : typeof got.name === 'string' && got.name.startsWith(want.remote + ':');
      if (!ok) diffs.push(`${expr}: ES ${JSON.stringify(want)}, gateway ${JSON.stringify(got)}`);
    }
    assert.deepEqual(diffs, []);
  });
  it(`ES's named formats (${NAMED.length} cases: date, week_date, epoch_millis …, strict_ variants, a leading 8)`, () => {
    const diffs = NAMED.filter(([expr, want]) => resolveDateMath(expr, NAMED_RECORDED_AT) !== want).map(([expr, want]) => `${expr}: ES ${want}, gateway ${resolveDateMath(expr, NAMED_RECORDED_AT)}`);
    assert.deepEqual(diffs, []);
  });
  it('named formats that print a colon (minutes, offsets) are refused: no index can have that name', () => {
    assert.throws(() => resolveDateMath('<x-{now{date_hour_minute}}>', RECORDED_AT), (e: unknown) => e instanceof DateMathError && /prints a ':'/.test(e.message));
  });
  for (const [expr, want] of ERRORS) {
    it(`${expr} → ${typeof want === 'string' ? want : want.type}`, () => {
      const got = failure(expr);
      assert.deepEqual(got, typeof want === 'string' ? { name: want } : want);
    });
  }
});

describe('date math details', () => {
  const t = Date.UTC(2024, 2, 5, 23, 30, 15, 250); // a Tuesday
  const cases: [string, string][] = [
    ['<logs-{now{yyyy.MM.dd HH:mm:ss.SSS}}>', 'logs-2024.03.05 23:30:15.250'],
    ['<logs-{now{yyyy.MM.dd|+01:00}}>', 'logs-2024.03.06'],
    ['<logs-{now/w}>', 'logs-2024.03.04'],
    ['<logs-{now/d{yyyy.MM.dd|America/New_York}}>', 'logs-2024.03.05'],
    ['<logs-{now+1M/M{MMM|Europe/Paris}}>', 'logs-Apr'],
    ['<a\\{b\\}-{now/y{yyyy}}>', 'a{b}-2024'],
    ['<logs-{2024.01.31||+1M}>', 'logs-2024.02.29'],
    ['<logs-{now{YYYY-ww}}>', 'logs-2024-10'],
    ['<logs-{now-65d{YYYY-ww-e}}>', 'logs-2024-01-1'], // 2023-12-31 (a Sunday) is in week 1 of 2024
    ['<logs-{now{GGGGG uuuu D}}>', 'logs-CE 2024 65'],
    ['%3Clogs-%7Bnow%2Fd%7D%3E', '%3Clogs-%7Bnow%2Fd%7D%3E'], // decoding is the HTTP layer's: a raw name is only a name
    ['plain', 'plain'],
  ];
  for (const [expr, want] of cases) it(expr, () => assert.equal(resolveDateMath(expr, t), want));
  it('DST: an hour added across a change of offset is an hour of the timeline (java.time)', () => {
    const beforeChange = Date.UTC(2024, 2, 31, 0, 30); // 01:30 in Paris, the clocks go to 03:00 at 02:00
    assert.equal(resolveDateMath('<x-{now+1h{HH.mm|Europe/Paris}}>', beforeChange), 'x-03.30');
  });
  it('zones: java.time ids normalized, ES\'s own short ids', () => {
    assert.equal(zoneOf('Etc/UTC').id(), 'Z');
    assert.equal(zoneOf('EST').id(), '-05:00');
    assert.equal(zoneOf('ROC').id(), 'Asia/Taipei');
    assert.throws(() => zoneOf('PST'), /Unknown time-zone ID: PST/);
  });
  it('zone names (z, v) are refused rather than guessed', () => {
    assert.throws(() => resolveDateMath('<x-{now{z}}>', t), (e: unknown) => e instanceof DateMathError && e.type === 'illegal_argument_exception' && /time zone names/.test(e.message));
  });
});
