/** A small JSON client for setting benchmarks up and timing served endpoints (undici, keep-alive). */
import { Agent, request } from 'undici';

export interface JsonResponse {
  status: number;
  json: any;
  ms: number;
}

export class JsonClient {
  readonly #base: string;
  readonly #auth: string | undefined;
  readonly #agent: Agent;

  constructor(base: string, opts: { authorization?: string; ca?: string | Buffer } = {}) {
    this.#base = base;
    this.#auth = opts.authorization;
    this.#agent = new Agent({ connections: 4, connect: opts.ca ? { ca: opts.ca } : undefined });
  }

  async send(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (this.#auth) headers.authorization = this.#auth;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const began = performance.now();
    const res = await request(new URL(path, this.#base), { method: method as 'GET', headers, body: payload, dispatcher: this.#agent });
    const text = await res.body.text();
    const ms = performance.now() - began;
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.statusCode, json, ms };
  }

  /** Like send, but throws unless the status is 2xx. */
  async ok(method: string, path: string, body?: unknown): Promise<any> {
    const r = await this.send(method, path, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
    return r.json;
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
