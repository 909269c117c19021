package io.azureoperator.config;

import java.time.Duration;

/** How a periodic re-sync finds out whether Azure drifted from the desired state. */
public enum DriftDetection {
    /** Re-PUT every resource every sync, as ASO does. */
    PUT,
    /** GET each resource, diff, PUT only on drift. */
    GET,
    /** LIST per type and scope, diff, PUT only on drift. */
    LIST;

    /** The longest a list-mode snapshot lives: {@link #listSnapshotAge}. */
    public static final Duration MAX_LIST_SNAPSHOT_AGE = Duration.ofMinutes(5);

    /**
     * How long one LIST snapshot serves the list-mode syncs of its (type, scope): a quarter of the sync period,
     * at most {@link #MAX_LIST_SNAPSHOT_AGE}. The operator refreshes snapshots by it and the capacity estimate
     * counts LISTs by it.
     */
    public static Duration listSnapshotAge(Duration syncPeriod) {
        Duration quarter = syncPeriod.dividedBy(4);
        return quarter.compareTo(MAX_LIST_SNAPSHOT_AGE) > 0 ? MAX_LIST_SNAPSHOT_AGE : quarter;
    }
}
