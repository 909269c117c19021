package io.azureoperator.config;

import java.time.Duration;

/** At most {@code requests} in any sliding window of {@code window}; written {@code N/DURATION}. */
public record RateLimit(int requests, Duration window) {

    public RateLimit {
        if (requests <= 0) {
            throw new IllegalArgumentException("request count must be positive");
        }
    }

    public static RateLimit parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not N/DURATION, e.g. 1200/1h");
        }
        int n;
        try {
            n = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not a whole number of requests");
        }
        return new RateLimit(n, Durations.parse(parts[1]));
    }

    @Override
    public String toString() {
        return requests + "/" + Durations.format(window);
    }
}
