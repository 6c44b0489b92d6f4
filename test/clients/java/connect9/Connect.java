// How a program makes a 9.x Java client: ElasticsearchClient.of with the builder's own credential methods
// (the default Rest5Client transport, Apache HttpClient 5).
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import javax.net.ssl.SSLContext;

final class Connect {
  private Connect() {}

  /** kind: basic (a = user, b = password), apikey (a = encoded key), bearer (a = access token). */
  static ElasticsearchClient open(String url, SSLContext ssl, String kind, String a, String b) {
    return ElasticsearchClient.of(c -> switch (kind) {
      case "basic" -> c.host(url).sslContext(ssl).usernameAndPassword(a, b);
      case "apikey" -> c.host(url).sslContext(ssl).apiKey(a);
      case "bearer" -> c.host(url).sslContext(ssl).token(a);
      default -> throw new IllegalArgumentException(kind);
    });
  }
}
