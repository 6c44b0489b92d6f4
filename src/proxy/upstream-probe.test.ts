// The upstream probe: a warning naming the URL and the cause per failed attempt, growing delays, one info line
// once the upstream answers; the real HTTP attempt against a closed port and a listening one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { describeFailure, redactedUrl, watchUpstream } from './upstream-probe.ts';

function recorder() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    log: {
      warn: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'warn', fields, message }),
      info: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'info', fields, message }),
    },
  };
}

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('watchUpstream', () => {
  it('warns per failure with doubling delays (capped), then logs once reachable', async () => {
    const r = recorder();
    const answers = ['ECONNREFUSED: x', 'ECONNREFUSED: x', 'ECONNREFUSED: x', null];
    const stop = watchUpstream({ urls: ['http://u:pw@127.0.0.1:1'], log: r.log, timeoutMs: 100, initialMs: 5, maxMs: 12, attempt: async () => answers.shift() ?? null });
    await until(() => r.lines.some((l) => l.level === 'info'));
    stop();
    assert.deepEqual(r.lines.map((l) => l.fields.retry_in_ms), [5, 10, 12, undefined]);
    for (const l of r.lines) assert.equal(l.fields.upstream, 'http://127.0.0.1:1', 'the URL, without its user info');
    assert.match(r.lines[0].message, /upstream \[http:\/\/127\.0\.0\.1:1\] not reachable \(ECONNREFUSED/);
    assert.ok(!JSON.stringify(r.lines).includes('pw'));
    assert.equal(r.lines.at(-1)!.fields.attempts, 4);
  });

  it('stop() ends the retries', async () => {
    const r = recorder();
    let calls = 0;
    const stop = watchUpstream({ urls: ['http://127.0.0.1:1'], log: r.log, timeoutMs: 100, initialMs: 20, attempt: async () => (calls++, 'ECONNREFUSED') });
    await until(() => calls === 1);
    stop();
    await new Promise((res) => setTimeout(res, 80));
    assert.equal(calls, 1);
  });

  it('really probes: refused on a closed port, reachable once something answers there', async () => {
    const port = await freePort();
    const r = recorder();
    const stop = watchUpstream({ urls: [`http://127.0.0.1:${port}`], log: r.log, timeoutMs: 1_000, initialMs: 50, maxMs: 50 });
    try {
      await until(() => r.lines.length > 0);
      assert.equal(r.lines[0].level, 'warn');
      assert.match(String(r.lines[0].fields.cause), /^ECONNREFUSED/);
      const server = createServer((_req, res) => res.writeHead(401).end());
      await new Promise<void>((res) => server.listen(port, '127.0.0.1', res));
      try {
        await until(() => r.lines.some((l) => l.level === 'info'));
      } finally {
        server.close();
      }
    } finally {
      stop();
    }
  });
});

describe('describeFailure / redactedUrl', () => {
  it('names the code and says what it means', () => {
    assert.equal(describeFailure(Object.assign(new Error('x'), { code: 'ENOTFOUND' })), 'ENOTFOUND: the host name does not resolve');
    assert.equal(describeFailure(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })), 'ECONNREFUSED: connection refused: nothing is listening there');
    assert.equal(describeFailure(new Error('odd')), 'odd');
  });
  it('drops user info', () => {
    assert.equal(redactedUrl('https://svc:secret@es.internal:9200/'), 'https://es.internal:9200');
  });
});
