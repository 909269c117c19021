package io.azureoperator.budget;

import io.azureoperator.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Says once when periodic re-syncs fall behind (the effective sync period is more than
 * 10% longer than the configured one) and once when it recovers (back within 2%), not on every evaluation.
 * Plain Java, one per subscription.
 */
final class SyncStretch {
    static final double ENTER = 1.10;
    static final double LEAVE = 1.02;

    private boolean stretched;

    /** A line to log when the state changes, else empty. */
    Optional<String> update(String subscriptionId, Duration configured, Duration effective) {
        double ratio = (double) effective.toMillis() / Math.max(1, configured.toMillis());
        if (!stretched && ratio > ENTER) {
            stretched = true;
            long seconds = Math.max(1, (effective.toMillis() + 999) / 1000); // rounded up: never "9s instead of 9s"
            return Optional.of("budget/" + subscriptionId + ": periodic re-syncs are the bottleneck: resources are"
                    + " re-synced about every " + Durations.format(Duration.ofSeconds(seconds))
                    + " instead of every " + Durations.format(configured)
                    + " (the ARM budget or MAX_CONCURRENT_RECONCILES limit them: raise ARM_*_LIMIT or"
                    + " MAX_CONCURRENT_RECONCILES, lengthen AZURE_SYNC_PERIOD, or see the capacity command)");
        }
        if (stretched && ratio <= LEAVE) {
            stretched = false;
            return Optional.of("budget/" + subscriptionId + ": the ARM budget keeps up again: re-syncs every "
                    + Durations.format(configured));
        }
        return Optional.empty();
    }

    boolean stretched() {
        return stretched;
    }
}
