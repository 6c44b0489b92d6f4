import { fail, ok, type Check } from '../report.ts';
import { host, port, type NetResult } from '../probe.ts';

/** The name lookup: a failure here means the client never even tried to connect. */
export function classifyDns(url: URL, r: NetResult): Check {
  const h = host(url);
  if (r.ok) return ok('dns', `${h} resolves to ${r.addresses?.join(', ') ?? 'an address'}`);
  if (r.code === 'ENOTFOUND' || r.code === 'ENODATA') {
    return fail('dns', `the host name [${h}] does not resolve (${r.code})`, 'check the host name in ELASTICSEARCH_URL for typos, and the DNS or /etc/hosts entry it relies on');
  }
  if (r.code === 'EAI_AGAIN') return fail('dns', `the name lookup of [${h}] failed temporarily (EAI_AGAIN): the DNS server did not answer`, 'check the network and DNS resolver, then retry');
  return fail('dns', `the name lookup of [${h}] failed (${r.code})`, 'check the host name and the DNS configuration');
}

/** The TCP connection: refused (nothing listens), timed out (filtered), or no route. */
export function classifyTcp(url: URL, r: NetResult, timeoutMs: number): Check {
  const where = `${host(url)}:${port(url)}`;
  if (r.ok) return ok('tcp', `${where} accepts connections`);
  switch (r.code) {
    case 'ECONNREFUSED':
      return fail('tcp', `the connection to ${where} was refused: nothing listens on that port`, `check that the server is running and listening on ${where} (Elasticsearch: 9200; Portcullis: the portcullis.listen setting, 9243 by default)`);
    case 'ETIMEDOUT':
      return fail('tcp', `no answer from ${where} within ${timeoutMs / 1000} s: a firewall drops the packets, or the address is wrong`, 'check the address and port, firewalls and security groups between this machine and the server');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail('tcp', `there is no network route to ${where} (${r.code})`, 'check the address, the VPN or the network this machine is on');
    case 'ECONNRESET':
      return fail('tcp', `${where} closed the connection at once (ECONNRESET)`, 'a proxy or an IP filter may refuse this client; check the server\'s logs');
    default:
      return fail('tcp', `cannot connect to ${where} (${r.code}: ${r.message})`, 'check the address and port');
  }
}
