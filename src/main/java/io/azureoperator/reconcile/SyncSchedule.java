package io.azureoperator.reconcile;

import io.azureoperator.kube.Resources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * When a resource's next periodic sync is due (AZURE_SYNC_PERIOD), kept on the resource so a restarted operator
 * continues the schedule instead of syncing everything at once.
 *
 * <ul>
 *   <li>A run that writes the status anyway (create, update, any status change) records the next sync in it,
 *       {@code status.nextSyncTime} = now + period ± 10% (the jitter is fixed per uid): a resource just created or
 *       changed is next synced about one period later, and a fleet created in one burst spreads its syncs.
 *   <li>A sync that changes nothing writes nothing (no Kubernetes write per sync): the next one follows the recorded
 *       phase, {@code nextSyncTime + k × period}.
 *   <li>A restarted operator reads {@code nextSyncTime} and continues at its first future occurrence. A resource
 *       whose status was never written with it falls back to a phase derived from its uid (spread evenly over the
 *       period).
 * </ul>
 * Plain Java.
 */
public final class SyncSchedule {
    /** The status field holding the next sync (RFC 3339, UTC). */
    public static final String STATUS_FIELD = "nextSyncTime";
    /** The jitter of a recorded sync: up to this share of the period, either way. */
    static final double JITTER = 0.10;

    private final long period;
    private final long maxJitter;

    public SyncSchedule(Duration period) {
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("the sync period must be positive");
        }
        this.period = period.toMillis();
        this.maxJitter = (long) (this.period * JITTER);
    }

    /** The next sync to record when a run writes the status at {@code now}: one period later, jittered per uid. */
    public long afterWrite(String uid, long now) {
        return now + period + jitter(uid);
    }

    /**
     * The next sync strictly after {@code now}: the recorded time when it is at most one jittered period ahead
     * (as {@link #afterWrite} records it), else the first occurrence of its phase (it is past, or the period was
     * shortened since); without one, the first slot of the uid's phase.
     */
    public long next(String uid, OptionalLong recorded, long now) {
        if (recorded.isPresent()) {
            long at = recorded.getAsLong();
            return at > now && at - now <= period + maxJitter ? at : firstAfter(Math.floorMod(at, period), now);
        }
        return firstAfter(Math.floorMod(hash(uid), period), now);
    }

    /** The next sync recorded on {@code resource}, if any (a value that is not a time counts as none). */
    public static OptionalLong recorded(GenericKubernetesResource resource) {
        String value = Resources.status(resource).getString(STATUS_FIELD);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Instant.parse(value).toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** How a time is written into {@link #STATUS_FIELD}. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private long firstAfter(long phase, long now) {
        return phase + (Math.floorDiv(now - phase, period) + 1) * period;
    }

    private long jitter(String uid) {
        return Math.floorMod(hash(uid), 2 * maxJitter + 1) - maxJitter;
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
