package io.azureoperator.emulator;

import java.util.Map;

/**
 * A request as {@link ArmService} sees it (no Vert.x types).
 *
 * @param method  upper-case HTTP method
 * @param path    decoded path
 * @param query   query parameters (first value of each)
 * @param body    raw body text, or null/empty
 * @param headers request headers, case-insensitive keys
 */
record ArmRequest(String method, String path, Map<String, String> query, String body, Map<String, String> headers) {

    String apiVersion() {
        return query.get("api-version");
    }

    String header(String name) {
        return headers.get(name);
    }
}
