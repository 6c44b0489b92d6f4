// How a program makes an 8.x Java client: the low-level RestClient (Apache HttpAsyncClient 4) under a
// RestClientTransport, the credentials as a default Authorization header, Jackson 3 as the JSON mapper
// (the only Jackson 8.19 brings at runtime).
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

final class Connect {
  private Connect() {}

  /** kind: basic (a = user, b = password), apikey (a = encoded key), bearer (a = access token). */
  static ElasticsearchClient open(String url, SSLContext ssl, String kind, String a, String b) {
    String authorization = switch (kind) {
      case "basic" -> "Basic " + Base64.getEncoder().encodeToString((a + ":" + b).getBytes(StandardCharsets.UTF_8));
      case "apikey" -> "ApiKey " + a;
      case "bearer" -> "Bearer " + a;
      default -> throw new IllegalArgumentException(kind);
    };
    RestClient rest = RestClient.builder(HttpHost.create(url))
        .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", authorization)})
        .setHttpClientConfigCallback(http -> ssl == null ? http : http.setSSLContext(ssl))
        .build();
    return new ElasticsearchClient(new RestClientTransport(rest, new Jackson3JsonpMapper()));
  }
}
