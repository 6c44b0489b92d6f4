import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { filteredAliasAnswer } from './alias-answer.ts';
import { EsError } from '../core/errors.ts';

const ANSWER = { 'logs-1': { aliases: { logs: {}, secret: { filter: { term: { a: 1 } } } } }, 'logs-2': { aliases: { secret: {} } }, 'logs-3': { aliases: {} } };
const reply = (body: unknown, headers: string[] = ['content-type', 'application/json']) => ({ status: 200, headers, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
const visible = (a: string) => a !== 'secret';

describe('get-aliases answers, filtered as ES filters them', () => {
  it('keeps every index, with the visible aliases only, when no alias names were asked for', () => {
    const out = JSON.parse(filteredAliasAnswer(reply(ANSWER), { visible, dropEmpty: false }, 1 << 20, false).toString());
    assert.deepEqual(out, { 'logs-1': { aliases: { logs: {} } }, 'logs-2': { aliases: {} }, 'logs-3': { aliases: {} } });
  });
  it('drops the indices left without an alias when alias names were asked for', () => {
    const out = JSON.parse(filteredAliasAnswer(reply(ANSWER), { visible, dropEmpty: true }, 1 << 20, false).toString());
    assert.deepEqual(out, { 'logs-1': { aliases: { logs: {} } } });
  });
  it('reads a compressed answer; refuses what is not JSON rather than sending it unfiltered', () => {
    const gz = { status: 200, headers: ['content-encoding', 'gzip'], body: gzipSync(JSON.stringify(ANSWER)) };
    assert.deepEqual(Object.keys(JSON.parse(filteredAliasAnswer(gz, { visible, dropEmpty: true }, 1 << 20, true).toString())), ['logs-1']);
    assert.throws(() => filteredAliasAnswer(reply('logs-1:\n  aliases: {}\n', ['content-type', 'application/yaml']), { visible, dropEmpty: false }, 1 << 20, false), (e: unknown) => e instanceof EsError && e.status === 400);
  });
});
