package io.azureoperator.reconcile;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Which dependencies (owners, references) changed while a run was in flight: a run that ends waiting for one that
 * changed meanwhile may have read it too early, and runs again. Each change gets a sequence number that is compared
 * with the run's start, so a change costs the same however many runs are in flight (a set per run cost CPU
 * quadratic in a burst of a thousand applies). Plain Java; used from one verticle's context.
 */
final class DependencyChanges {
    private static final int MIN_PRUNE_AT = 1024;

    private long sequence;
    private final Map<String, Long> changedAt = new HashMap<>();
    private final Map<String, Long> runsStartedAt = new HashMap<>();
    private int pruneAt = MIN_PRUNE_AT;

    void runStarted(String key) {
        runsStartedAt.put(key, sequence);
    }

    void changed(String dependency) {
        if (runsStartedAt.isEmpty()) {
            return; // a run starting later reads the change itself
        }
        changedAt.put(dependency, ++sequence);
        if (changedAt.size() >= pruneAt) {
            long oldestRun = Collections.min(runsStartedAt.values());
            changedAt.values().removeIf(at -> at <= oldestRun);
            pruneAt = Math.max(MIN_PRUNE_AT, changedAt.size() * 2);
        }
    }

    /** Ends {@code key}'s run; whether {@code dependency} (may be null) changed since it started. */
    boolean runEnded(String key, String dependency) {
        Long started = runsStartedAt.remove(key);
        boolean changed = dependency != null && started != null
                && changedAt.getOrDefault(dependency, Long.MIN_VALUE) > started;
        if (runsStartedAt.isEmpty()) {
            changedAt.clear();
        }
        return changed;
    }

    /** Changes remembered (for tests: bounded by the runs in flight). */
    int remembered() {
        return changedAt.size();
    }
}
