// How a program makes a 9.x Java client: ElasticsearchClient.of with the builder's own credential methods
// (the default Rest5Client transport, Apache HttpClient 5).
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import javax.net.ssl.SSLContext;

final class Connect {
  private Connect() {}

  /** kind: basic (a = user, b = password), apikey (a = encoded key), bearer (a = access token). */
  static ElasticsearchClient open(String url, SSLContext ssl, String kind, String a, String b) {
    return ElasticsearchClient.of(c -> {
      c.host(url);
      if (ssl != null) c.sslContext(ssl);
      return switch (kind) {
        case "basic" -> c.usernameAndPassword(a, b);
        case "apikey" -> c.apiKey(a);
        case "bearer" -> c.token(a);
        default -> throw new IllegalArgumentException(kind);
      };
    });
  }
}
