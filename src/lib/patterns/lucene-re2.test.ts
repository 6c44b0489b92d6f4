import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formulaPredicate, luceneToFormula, UnsupportedRegexp } from './lucene-re2.ts';
import { LuceneSyntaxError } from './lucene-regexp.ts';

const matcher = (re: string) => formulaPredicate(luceneToFormula(re));

test("Lucene syntax as ES documents it (regexp syntax page), whole-string anchored", () => {
  const cases: [string, string[], string[]][] = [
    ['ab*', ['a', 'ab', 'abbb'], ['abc', 'xab']],
    ['a.c', ['abc', 'a\nc'], ['ac', 'abbc']],
    ['abc?', ['ab', 'abc'], ['abcc']],
    ['abc{2}', ['abcc'], ['abc', 'abccc']],
    ['a{2,4}', ['aa', 'aaaa'], ['a', 'aaaaa']],
    ['a{2,}', ['aa', 'aaaaaaa'], ['a']],
    ['(abc)+', ['abc', 'abcabc'], ['', 'abca']],
    ['abc|xyz', ['abc', 'xyz'], ['abcxyz']],
    ['[abc]', ['a', 'c'], ['d', 'ab']],
    ['[a-c]', ['b'], ['d']],
    ['[-abc]', ['-', 'a'], ['d']],
    ['[^abc]', ['d', '-', '\n'], ['a', '']],
    ['[^-abc]', ['d'], ['-', 'a']],
    ['abc\\.txt', ['abc.txt'], ['abcXtxt']],
    ['@&~(abc.+)', ['abc', 'xyz', 'ab'], ['abcd']],
    ['~(foo.+)', ['foo', 'bar'], ['foox']],
    ['aaa.+&.+bbb', ['aaaXbbb', 'aaabbb'], ['aaabb', 'aaa']],
    ['foo<1-100>', ['foo1', 'foo100', 'foo007'], ['foo101', 'foo0', 'foo']],
    ['<01-10>', ['01', '10'], ['1', '001', '11']],
    ['<0-5>', ['0', '5'], ['00', '6']],
    ['#', [], ['', '#']],
    ['"a.b*"', ['a.b*'], ['aXb', 'a.bb']],
    ['@', ['', 'anything'], []],
    ['()', [''], ['a']],
    ['\\d+\\s\\w', ['12 a', '0\t_'], ['12a', 'a a']],
    ['[\\d\\-]+', ['1-2'], ['a']],
    ['\\D', ['a'], ['1']],
    ['*', ['*'], ['a', '']], // a leading repeat operator is a literal character in Lucene
    ['a**', ['', 'aaa'], ['b']],
    ['x{3,2}', [], ['xx', 'xxx']],
    ['~(([.]|ilm-history-).*)', ['logs', 'a.b'], ['.kibana', 'ilm-history-5']],
    ['a|~(b)', ['a', 'x', 'bb'], ['b']],
    ['😀.', ['😀😀', '😀a'], ['😀']],
  ];
  for (const [re, yes, no] of cases) {
    const m = matcher(re);
    for (const y of yes) assert.equal(m(y), true, `/${re}/ should match ${JSON.stringify(y)}`);
    for (const n of no) assert.equal(m(n), false, `/${re}/ should not match ${JSON.stringify(n)}`);
  }
});

test("Lucene's syntax errors carry Lucene's messages", () => {
  const cases: [string, RegExp][] = [
    ['(ab', /expected '\)' at position 3/],
    ['[ab', /expected ']' at position 3/],
    ['"abc', /expected '"' at position 4/],
    ['a{2', /expected '}' at position 3/],
    ['a{x}', /integer expected at position 2/],
    ['x)', /end-of-string expected at position 1/],
    ['\\q', /invalid character class \\q/],
    ['<foo>', /'foo' not found/],
    ['<1-x>', /interval syntax error/],
    ['[z-a]', /invalid range: from \(122\) cannot be > to \(97\)/],
    ['ab\\', /unexpected end-of-string/],
    ['('.repeat(200) + ')'.repeat(200), /nested deeper than 100/],
  ];
  for (const [re, message] of cases) assert.throws(() => luceneToFormula(re), (e: Error) => e instanceof LuceneSyntaxError && message.test(e.message), re);
});

test('what RE2 cannot express is refused, never approximated', () => {
  for (const re of ['logs-~(x)', 'ab~cd', '(a&b)*', 'x(a&b)', '(~a)+', 'a{1001}', '(a{1000}){1000}', '((a{100}){100}){100}', '<0-2147483647>{999}']) {
    assert.throws(() => luceneToFormula(re), UnsupportedRegexp, re);
  }
});

test('ReDoS classics complete (linear time: RE2 has no backtracking; see the report for timings)', () => {
  // Each of these runs for minutes to centuries under a backtracking engine with these inputs.
  const cases: [string, string][] = [
    ['(a|aa)+b', 'a'.repeat(100_000)], // the finding: 106 s for one request with a JS RegExp
    ['(a+)+', 'a'.repeat(50_000) + 'b'],
    ['(a|a)*', 'a'.repeat(50_000) + 'b'],
    ['(a*)*b', 'a'.repeat(50_000)],
    ['((a+)+)+c', 'a'.repeat(30_000)],
    ['(.*a){20}', 'a'.repeat(5_000)],
    ['(\\w+\\s?)+$', 'word '.repeat(10_000) + '!'],
    ['([a-z]+)*[0-9]', 'abcdefghijklmnopqrstuvwxyz'.repeat(2_000)],
    ['~((a|aa)+b)&@', 'a'.repeat(50_000)],
  ];
  for (const [re, input] of cases) assert.equal(typeof matcher(re)(input), 'boolean', re);
  assert.equal(matcher('(a|aa)+b')('a'.repeat(40) + 'b'), true);
  assert.equal(matcher('(a|aa)+b')('a'.repeat(40)), false);
});
