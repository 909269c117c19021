package io.azureoperator.arm;

import io.azureoperator.model.CloudError;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    /** Retry-After as delay-seconds or as an HTTP date (RFC 9110), counted from now; else {@code fallback}. */
    public Duration retryAfter(Duration fallback) {
        return retryAfter(fallback, Instant.now());
    }

    /**
     * Retry-After, an HTTP date being counted from {@code now} (a date in the past: no wait), at most
     * {@link #MAX_RETRY_AFTER}: ARM's throttling windows are an hour at most, and a larger (or overflowing) value
     * would pause a whole class of requests until a restart.
     */
    public Duration retryAfter(Duration fallback, Instant now) {
        Duration wait = header("retry-after").map(String::trim).map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return httpDate(v).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO)
                        .orElse(fallback);
            }
        }).orElse(fallback);
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    /** The longest Retry-After honoured. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public CloudError error() {
        return CloudError.from(status, body);
    }
}
