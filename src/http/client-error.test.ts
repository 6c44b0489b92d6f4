import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { answerAndClose, clientErrorAnswer } from './client-error.ts';

const err = (code: string, reason?: string) => Object.assign(new Error('Parse Error'), { code, reason });

describe('clientErrorAnswer', () => {
  it('a deadline is a 408, naming the part of the request that did not arrive', () => {
    const head = clientErrorAnswer(err('ERR_HTTP_REQUEST_TIMEOUT'), 'head', 16384)!;
    assert.equal(head.status, 408);
    assert.match(head.message, /headers were not received in time/);
    const body = clientErrorAnswer(err('ERR_HTTP_REQUEST_TIMEOUT'), 'body', 16384)!;
    assert.equal(body.status, 408);
    assert.match(body.message, /body was not received in time/);
  });

  it('a malformed request is a 400 with llhttp reason, an oversized head ES 400 too_long_http_header_exception', () => {
    const chunk = clientErrorAnswer(err('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size'), 'body', 16384)!;
    assert.equal(chunk.status, 400);
    assert.equal(chunk.message, 'the request is not valid HTTP/1.1: Invalid character in chunk size');
    const big = clientErrorAnswer(err('HPE_HEADER_OVERFLOW'), 'head', 8192)!;
    assert.equal(big.status, 400);
    assert.equal(big.type, 'too_long_http_header_exception');
    assert.equal(big.message, 'HTTP header is larger than 8192 bytes.');
  });

  it('a reset or an unknown socket error has no answer', () => {
    assert.equal(clientErrorAnswer(err('ECONNRESET'), 'body', 1), null);
    assert.equal(clientErrorAnswer(err('EPIPE'), 'head', 1), null);
  });
});

describe('answerAndClose', () => {
  it('writes a complete ES-shaped response with Connection: close and ends the socket', async () => {
    const socket = new PassThrough();
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => socket.on('end', r));
    answerAndClose(socket, clientErrorAnswer(err('ERR_HTTP_REQUEST_TIMEOUT'), 'body', 1)!);
    await ended;
    const text = Buffer.concat(chunks).toString();
    const [head, body] = text.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.match(head, /\r\nconnection: close/i);
    assert.match(head, new RegExp(`content-length: ${Buffer.byteLength(body)}`));
    const json = JSON.parse(body);
    assert.equal(json.status, 408);
    assert.equal(json.error.type, 'http_request_timeout_exception');
    assert.equal(json.error.root_cause[0].type, 'http_request_timeout_exception');
  });
});
