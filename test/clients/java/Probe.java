// The official Java client (co.elastic.clients:elasticsearch-java 8.x or 9.x, compiled with connect8/ or
// connect9/Connect.java) against the gateway. Runs the steps of test/clients/README.md and prints one JSON
// object {client, steps} on stdout. Env: PROBE_URL, PROBE_CA (optional), PROBE_ADMIN_USER, PROBE_ADMIN_PASSWORD, PROBE_PREFIX.
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.security.AuthenticateResponse;
import co.elastic.clients.elasticsearch.security.CreateApiKeyResponse;
import co.elastic.clients.elasticsearch.security.get_token.AccessTokenGrantType;
import jakarta.json.Json;
import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public final class Probe {
  interface Step { Object run() throws Exception; }

  static final String P = System.getenv("PROBE_PREFIX");
  static final String USER = P + "-user", PASSWORD = "probe-user-password", ROLE = P + "-role", INDEX = P + "-docs";
  static final Map<String, Object> steps = new LinkedHashMap<>();
  static final List<ElasticsearchClient> clients = new ArrayList<>();
  static SSLContext ssl;
  static CreateApiKeyResponse key;
  static String token;

  static ElasticsearchClient client(String kind, String a, String b) {
    ElasticsearchClient c = Connect.open(System.getenv("PROBE_URL"), ssl, kind, a, b);
    clients.add(c);
    return c;
  }

  static void step(String name, Step fn) {
    try {
      steps.put(name, fn.run());
    } catch (ElasticsearchException e) {
      steps.put(name, Map.of("error", Map.of("class", e.getClass().getSimpleName(), "status", e.status(),
          "type", e.error().type(), "reason", String.valueOf(e.error().reason()))));
    } catch (Exception e) { // a client-side failure (parsing, transport): the class and message say what broke
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      steps.put(name, Map.of("error", Map.of("class", e.getClass().getSimpleName(), "message",
          String.valueOf(e.getMessage()), "cause", root.getClass().getSimpleName() + ": " + root.getMessage())));
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static Object authenticate(ElasticsearchClient c) throws Exception {
    AuthenticateResponse r = c.security().authenticate();
    Map<String, Object> out = map("username", r.username(), "roles", r.roles(), "authentication_type", r.authenticationType());
    if (r.apiKey() != null) out.put("api_key", map("id", r.apiKey().id(), "name", r.apiKey().name()));
    return out;
  }

  static Object apiKeyRecord(ElasticsearchClient c, boolean owner) throws Exception {
    var r = c.security().getApiKey(g -> owner ? g.id(key.id()).owner(true) : g.id(key.id()));
    List<Object> keys = new ArrayList<>();
    for (var k : r.apiKeys()) keys.add(map("id", k.id(), "name", k.name(), "username", k.username(), "invalidated", k.invalidated()));
    return map("count", r.apiKeys().size(), "keys", keys);
  }

  static SSLContext trusting(String caPath) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (var in = new FileInputStream(caPath)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  public static void main(String[] args) throws Exception {
    ssl = System.getenv("PROBE_CA") == null ? null : trusting(System.getenv("PROBE_CA")); // unset: plain http
    ElasticsearchClient admin = client("basic", System.getenv("PROBE_ADMIN_USER"), System.getenv("PROBE_ADMIN_PASSWORD"));
    ElasticsearchClient user = client("basic", USER, PASSWORD);

    step("info", () -> {
      var r = admin.info();
      return map("number", r.version().number(), "build_flavor", r.version().buildFlavor(), "tagline", r.tagline());
    });
    step("authenticate_basic", () -> authenticate(admin));
    step("put_role", () -> map("created", admin.security().putRole(r -> r.name(ROLE).cluster("monitor", "manage_own_api_key")
        .indices(i -> i.names(P + "-*").privileges("read", "write", "create_index", "view_index_metadata"))).role().created()));
    step("put_user", () -> map("created", admin.security().putUser(u -> u.username(USER).password(PASSWORD).roles(ROLE).fullName("Probe User")).created()));
    step("get_user", () -> {
      var u = admin.security().getUser(g -> g.username(USER)).get(USER);
      return map("username", u.username(), "roles", u.roles(), "full_name", u.fullName(), "enabled", u.enabled());
    });
    step("authenticate_user", () -> authenticate(user));
    step("create_api_key", () -> {
      key = user.security().createApiKey(c -> c.name(P + "-key"));
      return map("id", key.id(), "name", key.name(), "encoded_present", key.encoded() != null && !key.encoded().isEmpty());
    });
    step("authenticate_api_key", () -> authenticate(client("apikey", key.encoded(), null)));
    step("get_api_key_owner", () -> apiKeyRecord(user, true));
    step("get_api_key_self", () -> apiKeyRecord(client("apikey", key.encoded(), null), false));
    step("get_token", () -> {
      var r = admin.security().getToken(t -> t.grantType(AccessTokenGrantType.Password).username(USER).password(PASSWORD));
      token = r.accessToken();
      return map("type", r.type(), "access_token_present", !r.accessToken().isEmpty(),
          "refresh_token_present", r.refreshToken() != null && !r.refreshToken().isEmpty(), "username", r.authentication().username());
    });
    step("authenticate_token", () -> authenticate(client("bearer", token, null)));
    step("create_index", () -> {
      var r = user.indices().create(c -> c.index(INDEX).mappings(m -> m.properties("n", p -> p.long_(l -> l))));
      return map("acknowledged", r.acknowledged(), "index", r.index());
    });
    step("index", () -> {
      var r = user.index(i -> i.index(INDEX).id("1").document(Map.of("n", 1)).refresh(Refresh.True));
      return map("result", r.result().jsonValue(), "id", r.id());
    });
    step("bulk", () -> {
      var r = user.bulk(b -> b.refresh(Refresh.True)
          .operations(o -> o.index(i -> i.index(INDEX).id("2").document(Map.of("n", 2))))
          .operations(o -> o.create(c -> c.index(INDEX).id("3").document(Map.of("n", 3)))));
      return map("errors", r.errors(), "results", r.items().stream().map(i -> i.result()).toList());
    });
    step("search", () -> {
      var r = user.search(s -> s.index(INDEX).query(q -> q.matchAll(m -> m)).sort(o -> o.field(f -> f.field("n"))), Map.class);
      return map("total", r.hits().total().value(), "ids", r.hits().hits().stream().map(Hit::id).toList());
    });
    step("has_privileges", () -> {
      var r = user.security().hasPrivileges(h -> h.cluster("monitor", "manage_security").index(i -> i.names(INDEX).privileges("read", "delete_index")));
      return map("username", r.username(), "has_all_requested", r.hasAllRequested(), "cluster", r.cluster(), "index", r.index());
    });
    step("error_401", () -> authenticate(client("basic", USER, "a-wrong-password")));
    step("error_403", () -> user.security().putUser(u -> u.username(P + "-other").password(PASSWORD).roles(ROLE)));
    step("invalidate_api_key", () -> {
      var r = user.security().invalidateApiKey(i -> i.ids(key.id()).owner(true));
      return map("invalidated", r.invalidatedApiKeys(), "error_count", r.errorCount());
    });
    step("authenticate_invalidated_key", () -> authenticate(client("apikey", key.encoded(), null)));
    step("cleanup", () -> map(
        "index", admin.indices().delete(d -> d.index(INDEX)).acknowledged(),
        "user", admin.security().deleteUser(d -> d.username(USER)).found(),
        "role", admin.security().deleteRole(d -> d.name(ROLE)).found()));

    for (ElasticsearchClient c : clients) c._transport().close();
    String version = String.valueOf(co.elastic.clients.transport.Version.VERSION);
    System.out.println(Json.createObjectBuilder(map("client", "java elasticsearch-java " + version, "steps", steps)).build());
  }
}
