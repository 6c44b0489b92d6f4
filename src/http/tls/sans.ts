import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { illegalArgument } from '../../core/errors.ts';

export interface HttpSans {
  dnsNames: string[];
  ipAddresses: string[];
}

/**
 * The names a fresh local install is reached by: `localhost`, this machine's hostname, and the two
 * loopback addresses. (Elasticsearch additionally puts every local interface address in; a gateway
 * reached from elsewhere should pass its public names and addresses explicitly.)
 */
export function defaultHttpSans(): HttpSans {
  const host = hostname().trim().toLowerCase();
  const dnsNames = isDnsName(host) ? ['localhost', host] : ['localhost'];
  return normalizeSans({ dnsNames, ipAddresses: ['127.0.0.1', '::1'] });
}

export function isDnsName(name: string): boolean {
  return /^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(name) && name.length <= 253;
}

/** Lower-cases and de-duplicates DNS names, validates IP literals; rejects an empty result. */
export function normalizeSans(sans: HttpSans): HttpSans {
  const dnsNames = unique(sans.dnsNames.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''));
  for (const name of dnsNames) {
    if (!isDnsName(name)) throw illegalArgument(`invalid DNS name [${name}]`);
  }
  const ipAddresses = unique(sans.ipAddresses.map((a) => a.trim()).filter((a) => a !== ''));
  for (const address of ipAddresses) {
    // the encoder takes plain dotted-quad and colon-hex forms only: no zone ids, no embedded IPv4
    const family = isIP(address);
    if (family === 0 || (family === 6 && /[.%]/.test(address))) {
      throw illegalArgument(`invalid or unsupported IP address [${address}]`);
    }
  }
  if (dnsNames.length + ipAddresses.length === 0) {
    throw illegalArgument('a certificate needs at least one DNS name or IP address');
  }
  return { dnsNames, ipAddresses };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
