package io.azureoperator.arm;

import io.azureoperator.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real azure-identity {@code ClientSecretCredential} (MSAL underneath, JDK HTTP client) against a fake Entra ID
 * token endpoint served over HTTPS by Vert.x on 127.0.0.1. The JVM trust store (set by surefire) trusts the
 * server certificate in {@code src/test/resources/tls}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ClientSecretCredentialEndToEndTest {

    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT_ID = "8a3c1d2e-0000-4000-8000-1234567890ab";
    private static final String SECRET = "fake-client-secret~42";
    private static final String ACCESS_TOKEN = "eyJ0eXAiOiJKV1QifQ.fake-arm-token.sig";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private WorkerExecutor worker;
    private String authority;

    @BeforeEach
    void startFakeEntra(Vertx vertx, VertxTestContext ctx) {
        Router router = Router.router(vertx);
        router.route().handler(rc -> {
            requests.add(rc.request().method() + " " + rc.request().path());
            rc.next();
        });
        router.post("/:tenant/oauth2/v2.0/token").handler(BodyHandler.create(false)).handler(this::token);
        router.get("/:tenant/v2.0/.well-known/openid-configuration").handler(this::openIdConfiguration);
        router.get("/common/discovery/instance").handler(this::instanceDiscovery);
        router.route().last().handler(rc -> rc.response().setStatusCode(404).end());

        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setHost("127.0.0.1")
                .setPort(0)
                .setKeyCertOptions(new PfxOptions()
                        .setPath(Path.of("src/test/resources/tls/server.p12").toAbsolutePath().toString())
                        .setPassword("changeit"));
        vertx.createHttpServer(options).requestHandler(router).listen()
                .onComplete(ctx.succeeding(s -> {
                    server = s;
                    authority = "https://127.0.0.1:" + s.actualPort() + "/";
                    worker = vertx.createSharedWorkerExecutor("azure-identity", 2);
                    ctx.completeNow();
                }));
    }

    @AfterEach
    void stop(VertxTestContext ctx) {
        if (worker != null) {
            worker.close();
        }
        (server == null ? Future.succeededFuture() : server.close().mapEmpty()).onComplete(ctx.succeedingThenComplete());
    }

    private void token(RoutingContext rc) {
        Map<String, String> form = parseForm(rc.body().asString());
        tokenForms.add(form);
        if (!SECRET.equals(form.get("client_secret")) || !CLIENT_ID.equals(form.get("client_id"))) {
            rc.response().setStatusCode(401).putHeader("content-type", "application/json")
                    .end(new JsonObject()
                            .put("error", "invalid_client")
                            .put("error_description", "AADSTS7000215: Invalid client secret provided.")
                            .put("error_codes", List.of(7000215))
                            .encode());
            return;
        }
        rc.response().putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("token_type", "Bearer")
                        .put("expires_in", 3600)
                        .put("ext_expires_in", 3600)
                        .put("access_token", ACCESS_TOKEN)
                        .encode());
    }

    private void openIdConfiguration(RoutingContext rc) {
        String base = authority + rc.pathParam("tenant");
        rc.response().putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("token_endpoint", base + "/oauth2/v2.0/token")
                        .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                        .put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode")
                        .put("issuer", base + "/v2.0")
                        .put("jwks_uri", base + "/discovery/v2.0/keys")
                        .put("token_endpoint_auth_methods_supported",
                                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"))
                        .encode());
    }

    private void instanceDiscovery(RoutingContext rc) {
        String hostPort = authority.substring("https://".length(), authority.length() - 1);
        rc.response().putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("tenant_discovery_endpoint",
                                authority + TENANT + "/v2.0/.well-known/openid-configuration")
                        .put("api-version", "1.1")
                        .put("metadata", List.of(new JsonObject()
                                .put("preferred_network", hostPort)
                                .put("preferred_cache", hostPort)
                                .put("aliases", List.of(hostPort))))
                        .encode());
    }

    @Test
    void clientSecretCredentialFetchesTokenFromFakeEntraAndCachesIt(Vertx vertx, VertxTestContext ctx) {
        // the operator's path: environment -> OperatorConfig -> CredentialSettings.from
        CredentialSettings settings = CredentialSettings.from(ConfigLoader.load(Path.of("does-not-exist.json"), false,
                Map.of("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-00000000000a", "AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", CLIENT_ID,
                        "AZURE_CLIENT_SECRET", SECRET, "AZURE_AUTHORITY_HOST", authority)));
        AzureIdentityTokenSource source = AzureIdentityTokenSource.create(vertx, settings, worker);
        assertThat(source.scope()).isEqualTo("https://management.azure.com/.default");

        vertx.runOnContext(v -> source.token()
                .compose(first -> source.token().map(second -> List.of(first, second)))
                .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
                    assertThat(tokens).containsExactly(ACCESS_TOKEN, ACCESS_TOKEN);
                    assertThat(tokenForms).as("token endpoint hits").hasSize(1);
                    Map<String, String> form = tokenForms.get(0);
                    assertThat(form)
                            .containsEntry("grant_type", "client_credentials")
                            .containsEntry("client_id", CLIENT_ID)
                            .containsEntry("client_secret", SECRET);
                    // MSAL appends the reserved OIDC scopes; the resource scope must be the ARM audience's .default
                    assertThat(form.get("scope").split(" "))
                            .contains("https://management.azure.com/.default")
                            .filteredOn(sc -> !List.of("openid", "profile", "offline_access").contains(sc))
                            .containsExactly("https://management.azure.com/.default");
                    assertThat(requests)
                            .contains("POST /" + TENANT + "/oauth2/v2.0/token")
                            .doesNotContain("GET /common/discovery/instance");
                    ctx.completeNow();
                }))));
    }

    @Test
    void wrongSecretFailsWithoutLeakingIt(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws IOException {
        // the operator's path: conf file -> OperatorConfig -> CredentialSettings.from
        Path conf = dir.resolve("operator.json");
        Files.writeString(conf, new JsonObject().put("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-00000000000a").put("AZURE_TENANT_ID", TENANT)
                .put("AZURE_CLIENT_ID", CLIENT_ID).put("AZURE_CLIENT_SECRET", "wrong-secret-value")
                .put("AZURE_AUTHORITY_HOST", authority).encode());
        CredentialSettings settings = CredentialSettings.from(ConfigLoader.load(conf, true, Map.of()));
        AzureIdentityTokenSource source = AzureIdentityTokenSource.create(vertx, settings, worker);
        source.token().onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertThat(err).isInstanceOf(AzureIdentityTokenSource.TokenAcquisitionException.class)
                    .hasMessageContaining("https://management.azure.com/.default")
                    .hasMessageNotContaining("wrong-secret-value");
            assertThat(tokenForms).isNotEmpty();
            ctx.completeNow();
        })));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return form;
    }
}
