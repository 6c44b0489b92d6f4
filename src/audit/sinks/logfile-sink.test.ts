import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, utimesSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogfileSink } from './logfile-sink.ts';
import { completeEvent } from '../format.ts';
import * as build from '../events.ts';
import { captureLog, request } from '../testing.ts';
import { needsRotation, rotatedFileName } from './rotation.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2024-05-01T10:00:00Z');

function setup(over: { maxSizeBytes?: number; daily?: boolean; maxFiles?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'audit-logfile-'));
  let now = T0;
  const { log, lines } = captureLog();
  const sink = createLogfileSink({
    dir,
    name: 'portcullis',
    maxSizeBytes: over.maxSizeBytes ?? 0,
    daily: over.daily ?? true,
    maxFiles: over.maxFiles ?? 3,
    maxQueue: 100,
    overflow: 'reject',
    clock: { now: () => now },
    log,
  });
  const event = (id = 'r1') => completeEvent(build.anonymousAccessDenied(request({ id })).event, now, { 'node.id': 'n1' });
  return { dir, sink, event, setNow: (t: number) => (now = t), logs: lines, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('events are appended as JSON lines to <dir>/<name>_audit.json, owner and group only', async () => {
  const s = setup();
  try {
    s.sink.write(s.event('a'));
    s.sink.write(s.event('b'));
    assert.equal(await s.sink.flush(), true);
    const text = readFileSync(join(s.dir, 'portcullis_audit.json'), 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l['request.id']), ['a', 'b']);
    assert.equal(lines[0].type, 'audit');
    assert.equal(statSync(join(s.dir, 'portcullis_audit.json')).mode & 0o777, 0o640);
    assert.deepEqual(s.sink.stats(), { queued: 0, written: 2, dropped: 0, rejected: 0, failures: 0 });
  } finally {
    await s.sink.close();
    s.done();
  }
});

test('size rotation: the file is rolled before a write would cross the limit; old files beyond max_files are deleted', async () => {
  const s = setup({ maxSizeBytes: 600, maxFiles: 2, daily: false });
  try {
    for (let i = 0; i < 12; i++) {
      s.sink.write(s.event(`e${i}`));
      await s.sink.flush();
    }
    const files = readdirSync(s.dir).sort();
    assert.deepEqual(files, ['portcullis_audit-2024-05-01-4.json', 'portcullis_audit-2024-05-01-5.json', 'portcullis_audit.json']);
    for (const f of files) assert.ok(statSync(join(s.dir, f)).size <= 600, f);
    const all = files.flatMap((f) => readFileSync(join(s.dir, f), 'utf8').trimEnd().split('\n'));
    assert.ok(all.every((l) => JSON.parse(l).type === 'audit'), 'no line is split across files');
    assert.ok(s.logs().some((l) => l.msg === 'deleted old audit log files'));
  } finally {
    await s.sink.close();
    s.done();
  }
});

test('daily rotation: the first write of a new UTC day rolls yesterday\'s file, named for its day', async () => {
  const s = setup();
  try {
    s.sink.write(s.event('day1'));
    await s.sink.flush();
    s.setNow(T0 + DAY);
    s.sink.write(s.event('day2'));
    await s.sink.flush();
    assert.deepEqual(readdirSync(s.dir).sort(), ['portcullis_audit-2024-05-01-1.json', 'portcullis_audit.json']);
    assert.match(readFileSync(join(s.dir, 'portcullis_audit-2024-05-01-1.json'), 'utf8'), /"day1"/);
    assert.match(readFileSync(join(s.dir, 'portcullis_audit.json'), 'utf8'), /"day2"/);
  } finally {
    await s.sink.close();
    s.done();
  }
});

test('a file left from an earlier day is rolled on the first write after a restart', async () => {
  const s = setup();
  try {
    const path = join(s.dir, 'portcullis_audit.json');
    writeFileSync(path, '{"type":"audit"}\n');
    utimesSync(path, new Date(T0 - 3 * DAY), new Date(T0 - 3 * DAY));
    s.sink.write(s.event());
    await s.sink.flush();
    assert.deepEqual(readdirSync(s.dir).sort(), [rotatedFileName('portcullis', '2024-04-28', 1), 'portcullis_audit.json']);
  } finally {
    await s.sink.close();
    s.done();
  }
});

test('when the file cannot be written, events stay queued, the failure is logged, and they are written once it can', async () => {
  const s = setup();
  const blocker = join(s.dir, 'logs');
  const sink = createLogfileSink({ dir: blocker, name: 'p', maxSizeBytes: 0, daily: true, maxFiles: 2, maxQueue: 10, overflow: 'reject', clock: { now: () => T0 }, log: captureLog().log });
  try {
    writeFileSync(blocker, 'a file where the directory should be');
    sink.write(s.event('kept'));
    assert.equal(await sink.flush(300), false);
    assert.equal(sink.stats().queued, 1);
    assert.ok(sink.stats().failures > 0);
    rmSync(blocker);
    assert.equal(await sink.flush(2_000), true);
    assert.match(readFileSync(join(blocker, 'p_audit.json'), 'utf8'), /"kept"/);
    assert.equal(sink.stats().written, 1);
  } finally {
    await sink.close();
    s.done();
  }
});

test('needsRotation: never for an empty file; daily on a day change; by size only when a limit is set', () => {
  const p = { maxSizeBytes: 100, daily: true };
  assert.equal(needsRotation(p, 0, '2024-01-01', '2024-01-02', 500), false);
  assert.equal(needsRotation(p, 10, '2024-01-01', '2024-01-02', 1), true);
  assert.equal(needsRotation(p, 90, '2024-01-02', '2024-01-02', 11), true);
  assert.equal(needsRotation(p, 90, '2024-01-02', '2024-01-02', 10), false);
  assert.equal(needsRotation({ maxSizeBytes: 0, daily: false }, 1e9, 'a', 'b', 1e9), false);
});
