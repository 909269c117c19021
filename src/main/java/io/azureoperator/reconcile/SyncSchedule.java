package io.azureoperator.reconcile;

import java.time.Duration;
import java.util.UUID;

/**
 * When a resource's next periodic sync is due. Each resource has a fixed phase inside the sync period,
 * derived from its uid, and syncs at {@code phase + k × period}: syncs of a fleet spread evenly over the whole
 * period, and a restarted operator continues exactly the same schedule (nothing to store, no burst at start-up).
 */
public final class SyncSchedule {
    private SyncSchedule() {
    }

    /** The first sync slot of {@code uid} strictly after {@code now} (epoch millis). */
    public static long next(String uid, Duration period, long now) {
        long p = period.toMillis();
        long phase = Math.floorMod(hash(uid), p);
        long k = Math.floorDiv(now - phase, p) + 1;
        return phase + k * p;
    }

    private static long hash(String uid) {
        try {
            UUID u = UUID.fromString(uid);
            return u.getMostSignificantBits() ^ u.getLeastSignificantBits();
        } catch (IllegalArgumentException | NullPointerException e) {
            long h = 1125899906842597L;
            for (char c : String.valueOf(uid).toCharArray()) {
                h = 31 * h + c;
            }
            return h;
        }
    }
}
