package io.azureoperator.arm;

import io.azureoperator.model.CloudError;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One ARM answer: status, the headers that matter, and the JSON body (null when empty). */
public record ArmResponse(int status, Map<String, String> headers, JsonObject body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The operation to poll, preferring Azure-AsyncOperation over Location as ARM clients do. */
    public Optional<String> operationUrl() {
        return header("azure-asyncoperation").or(() -> header("location"));
    }

    /** Retry-After in seconds (ARM never uses the HTTP-date form), else {@code fallback}. */
    public Duration retryAfter(Duration fallback) {
        return header("retry-after").map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    public CloudError error() {
        return CloudError.from(status, body);
    }
}
