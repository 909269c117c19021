package io.azureoperator.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one owner of retry timing: exponential backoff per resource key, from a base delay doubling up
 * to a cap, reset when the resource succeeds. Plain Java; used from one verticle's context.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final Map<String, Integer> failures = new HashMap<>();

    public Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** Records one more failure of {@code key} and returns how long to wait before the next try. */
    public Duration nextDelay(String key) {
        int n = failures.merge(key, 1, Integer::sum);
        long millis = base.toMillis();
        for (int i = 1; i < n && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    public void reset(String key) {
        failures.remove(key);
    }

    public int failures(String key) {
        return failures.getOrDefault(key, 0);
    }
}
