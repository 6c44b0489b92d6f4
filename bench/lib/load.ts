/** One bounded autocannon run, and the CPU a process spent meanwhile (from /proc, Linux). */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  ca?: Buffer;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    pipelining: 1,
    duration: o.durationS,
    headers: o.headers,
    timeout: 10,
    ...(o.ca ? { tlsOptions: { ca: o.ca } } : {}),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r['2xx'] + r.non2xx, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, in milliseconds (null when /proc is unavailable or the process is gone). */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}
