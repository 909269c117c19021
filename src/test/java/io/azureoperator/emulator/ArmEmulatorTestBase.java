package io.azureoperator.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts an emulator on a random port and talks to it over real HTTP with a WebClient. Tests run on the JUnit
 * thread and wait for each response there (never on an event loop).
 */
@ExtendWith(VertxExtension.class)
abstract class ArmEmulatorTestBase {

    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final String RG_API = "?api-version=2020-06-01";
    static final String NET_API = "?api-version=2020-11-01";
    static final String STORAGE_API = "?api-version=2023-01-01";
    static final String MSI_API = "?api-version=2023-01-31";

    protected ArmEmulator arm;
    protected WebClient client;

    @BeforeEach
    void startEmulator(Vertx vertx) throws Exception {
        arm = new ArmEmulator(vertx);
        arm.setRetryAfterSeconds(0);
        arm.start(0).await(10, TimeUnit.SECONDS);
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stopEmulator() throws Exception {
        client.close();
        arm.stop().await(10, TimeUnit.SECONDS);
    }

    static String rgPath(String rg) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + rg;
    }

    static String vnetPath(String rg, String vnet) {
        return rgPath(rg) + "/providers/Microsoft.Network/virtualNetworks/" + vnet;
    }

    static String storagePath(String rg, String account) {
        return rgPath(rg) + "/providers/Microsoft.Storage/storageAccounts/" + account;
    }

    /** Sends a request to a path (with query) on the emulator, or to an absolute URL. */
    HttpResponse<Buffer> send(String method, String pathOrUrl, Object body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : arm.baseUrl() + pathOrUrl;
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(method), url)
                .putHeader("Authorization", "Bearer test-token");
        try {
            if (body == null) {
                return request.send().await(10, TimeUnit.SECONDS);
            }
            Buffer buffer = body instanceof JsonObject json ? json.toBuffer() : Buffer.buffer(body.toString());
            return request.putHeader("Content-Type", "application/json").sendBuffer(buffer)
                    .await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " " + url + " failed", e);
        }
    }

    HttpResponse<Buffer> get(String pathOrUrl) {
        return send("GET", pathOrUrl, null);
    }

    HttpResponse<Buffer> put(String path, JsonObject body) {
        return send("PUT", path, body);
    }

    HttpResponse<Buffer> delete(String path) {
        return send("DELETE", path, null);
    }

    void createResourceGroup(String rg) {
        assertThat(put(rgPath(rg) + RG_API, new JsonObject().put("location", "westus2")).statusCode())
                .isIn(200, 201);
    }

    /** Polls an operation URL until it stops answering InProgress / 202; returns the final response. */
    HttpResponse<Buffer> pollUntilDone(String url) {
        for (int i = 0; i < 20; i++) {
            HttpResponse<Buffer> r = get(url);
            boolean inProgress = r.statusCode() == 202
                    || (r.statusCode() == 200 && r.bodyAsString() != null && !r.bodyAsString().isEmpty()
                    && "InProgress".equals(r.bodyAsJsonObject().getString("status")));
            if (!inProgress) {
                return r;
            }
        }
        throw new AssertionError("operation did not finish: " + url);
    }

    static void assertArmError(HttpResponse<Buffer> r, int status, String code) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).isNotBlank();
    }

    /** A recorded ARM response body from src/test/resources/arm-fixtures (see the README there). */
    static JsonObject fixture(String name) {
        try (InputStream in = ArmEmulatorTestBase.class.getResourceAsStream("/arm-fixtures/" + name)) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    /** The set of JSON paths in a body (array elements merged as {@code []}), to compare shapes, not values. */
    static Set<String> shape(Object json) {
        Set<String> paths = new TreeSet<>();
        collect(json, "", paths);
        return paths;
    }

    private static void collect(Object json, String prefix, Set<String> paths) {
        if (json instanceof JsonObject o) {
            for (String key : o.fieldNames()) {
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                paths.add(path);
                collect(o.getValue(key), path, paths);
            }
        } else if (json instanceof JsonArray a) {
            for (Object element : a) {
                collect(element, prefix + "[]", paths);
            }
        }
    }
}
