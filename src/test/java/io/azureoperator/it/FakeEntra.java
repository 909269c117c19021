package io.azureoperator.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Entra ID token endpoint over HTTPS on 127.0.0.1 (test certificate in src/test/resources/tls). Knows a set
 * of clients and their secrets or federated assertions (workload identity: the client assertion grant with the
 * pod's token); issues {@code token-<clientId>} so tests can tell which credential was used.
 */
final class FakeEntra {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> assertions = new ConcurrentHashMap<>();
    private HttpServer server;

    void client(String clientId, String secret) {
        secrets.put(clientId, secret);
    }

    /** A client that proves itself with this federated token (the content of the pod's token file). */
    void federated(String clientId, String assertion) {
        assertions.put(clientId, assertion);
    }

    static String tokenFor(String clientId) {
        return "token-" + clientId;
    }

    Future<String> start(Vertx vertx) {
        Router router = Router.router(vertx);
        router.post("/:tenant/oauth2/v2.0/token").handler(BodyHandler.create(false)).handler(rc -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : rc.body().asString().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            String client = form.get("client_id");
            boolean bySecret = client != null && form.getOrDefault("client_secret", "").equals(secrets.get(client));
            boolean byAssertion = client != null && JWT_BEARER.equals(form.get("client_assertion_type"))
                    && form.getOrDefault("client_assertion", "").equals(assertions.get(client));
            if (!bySecret && !byAssertion) {
                rc.response().setStatusCode(401).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("error", "invalid_client")
                                .put("error_description", "AADSTS7000215: Invalid client secret provided.").encode());
                return;
            }
            rc.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("token_type", "Bearer").put("expires_in", 3600).put("ext_expires_in", 3600)
                    .put("access_token", tokenFor(client)).encode());
        });
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                .setKeyCertOptions(new PfxOptions().setPassword("changeit")
                        .setPath(Path.of("src/test/resources/tls/server.p12").toAbsolutePath().toString()));
        return vertx.createHttpServer(options).requestHandler(router).listen().map(s -> {
            server = s;
            return "https://127.0.0.1:" + s.actualPort() + "/";
        });
    }

    Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
