import { fail, ok, type Check } from '../report.ts';
import type { HttpResult, TlsResult } from '../probe.ts';

/**
 * An http:// URL against a port that speaks TLS: the plain request fails at the protocol level (the
 * server resets it, or answers with TLS bytes), and a TLS handshake on the same port succeeds.
 */
export function classifyPlainHttp(url: URL, plain: HttpResult, tlsOnSamePort: TlsResult | null): Check {
  if (plain.ok) return ok('scheme', `the server answers plain HTTP on ${url.host}`);
  if (tlsOnSamePort?.ok) {
    return fail(
      'scheme',
      `ELASTICSEARCH_URL uses http://, but the server on ${url.host} speaks HTTPS (TLS is on, as it is by default in Elasticsearch 8 and Portcullis)`,
      `use https://${url.host}${url.pathname === '/' ? '' : url.pathname} and trust its CA (ELASTICSEARCH_CA_CERT or ELASTICSEARCH_CA_FINGERPRINT)`,
    );
  }
  return fail('scheme', `the server on ${url.host} accepted the connection but did not answer HTTP (${plain.code}: ${plain.message})`, 'check that this port is the server\'s HTTP port (not the transport port 9300)');
}
