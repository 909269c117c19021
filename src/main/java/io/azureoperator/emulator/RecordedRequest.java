package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * One request as the emulator received it.
 *
 * @param method     HTTP method, upper case
 * @param path       decoded path without the query string
 * @param apiVersion the {@code api-version} query parameter, or null
 * @param body       the JSON body, or null when absent or not a JSON object
 * @param headers    request headers (case-insensitive keys), including {@code Authorization}
 * @param receivedAt when it arrived (epoch millis)
 */
public record RecordedRequest(String method, String path, String apiVersion, JsonObject body,
                              Map<String, String> headers, long receivedAt) {

    /** A request arriving now. */
    public RecordedRequest(String method, String path, String apiVersion, JsonObject body, Map<String, String> headers) {
        this(method, path, apiVersion, body, headers, System.currentTimeMillis());
    }

    /** A header value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
