package io.azureoperator.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Creates custom resources over HTTP the way {@code kubectl apply -f} does for objects that do not exist yet: per
 * object a GET (404), then a POST carrying the {@code last-applied-configuration} annotation, each request sent once
 * the previous one is answered. Blocking: for the benchmark's main thread only.
 */
final class KubectlApply {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String apiServer;
    private final String plural;

    /** For resources whose type is served as {@code plural} (namespaced, apiVersion group/version). */
    KubectlApply(String apiServer, String plural) {
        this.apiServer = apiServer;
        this.plural = plural;
    }

    /** Creates {@code resource}; fails unless it was new and is stored. */
    void apply(JsonObject resource) throws IOException, InterruptedException {
        JsonObject metadata = resource.getJsonObject("metadata");
        String collection = apiServer + "/apis/" + resource.getString("apiVersion") + "/namespaces/"
                + metadata.getString("namespace") + "/" + plural;
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(collection + "/"
                + metadata.getString("name"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (get.statusCode() != 404) {
            throw new IllegalStateException("GET " + metadata.getString("name") + ": HTTP " + get.statusCode()
                    + ", expected 404 (kubectl apply creates only what does not exist)");
        }
        JsonObject applied = resource.copy();
        applied.getJsonObject("metadata").put("annotations", new JsonObject().put(LAST_APPLIED, resource.encode()));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(collection))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        applied.encode())).build(), HttpResponse.BodyHandlers.ofString());
        if (post.statusCode() != 201) {
            throw new IllegalStateException("POST " + metadata.getString("name") + ": HTTP " + post.statusCode()
                    + ": " + post.body());
        }
    }
}
