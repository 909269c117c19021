package io.azureoperator.budget;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often periodic re-syncs really come round, per subscription: the effective sync period. Measured where
 * syncs wait, in the kinds' queues (the budget sees only the few syncs a work queue lets in, not the backlog):
 * <ul>
 *   <li>each sync that ends gives its resource's achieved period: the time since the resource was last in sync
 *       (mean over the last {@link #horizon}; the last mean is kept while no sync ends);
 *   <li>a sync that is due but has not ended yet counts with its age so far, so a stall shows at once.
 * </ul>
 * The effective period is the larger of the two (the configured period while nothing was measured). One line is
 * logged when it exceeds the configured period by 10%, one when it is back within 2% ({@link SyncStretch}).
 * Thread-safe: the kind verticles report, a timer refreshes.
 */
public final class SyncPeriods {
    private static final Logger LOG = LoggerFactory.getLogger(SyncPeriods.class);
    private static final int BUCKETS = 30;

    private record Due(String subscription, long since) {
    }

    private final Optional<Duration> configured;
    private final long horizonMillis;
    /** Syncs due and not ended, by resource (kind-qualified key). */
    private final Map<String, Due> due = new HashMap<>();
    private final Map<String, MeanMeter> achieved = new HashMap<>();
    private final Map<String, Long> lastMean = new HashMap<>();
    private final Map<String, SyncStretch> stretches = new HashMap<>();
    private volatile Map<String, Duration> effective = Map.of();
    private long syncs;

    /** @param configured AZURE_SYNC_PERIOD (empty: never; nothing is measured) */
    public SyncPeriods(Optional<Duration> configured) {
        this.configured = configured;
        this.horizonMillis = horizon(configured.orElse(Duration.ofHours(1))).toMillis();
    }

    /** Syncs are averaged over one period, at least one minute, at most 15. */
    static Duration horizon(Duration period) {
        Duration min = Duration.ofMinutes(1);
        Duration max = Duration.ofMinutes(15);
        return period.compareTo(min) < 0 ? min : period.compareTo(max) > 0 ? max : period;
    }

    /**
     * {@code resource}'s periodic sync, due at {@code dueAt}, is due; the resource was last in sync at
     * {@code since} (epoch millis; -1 when not known, e.g. after a restart: then one period before {@code dueAt},
     * the slot the previous instance kept). Its period counts from {@code since}, or from one period before
     * {@code dueAt} if that is later: a sync the schedule put more than a period after the last one (jitter) is
     * not late.
     */
    public synchronized void due(String resource, String subscription, long since, long dueAt) {
        if (configured.isPresent()) {
            // lowercase, as the budget's: one subscription however its ARM IDs spell it
            due.put(resource, new Due(subscription.toLowerCase(java.util.Locale.ROOT),
                    Math.max(since, dueAt - configured.get().toMillis())));
        }
    }

    /** A run of {@code resource} ended; if a sync of it was due, that sync came round. */
    public synchronized void ended(String resource, long now) {
        Due d = due.remove(resource);
        if (d != null) {
            syncs++;
            achieved.computeIfAbsent(d.subscription(), s -> new MeanMeter(horizonMillis, BUCKETS))
                    .add(now, now - d.since());
        }
    }

    /** Periodic syncs that came round (ended) since start. */
    public synchronized long syncs() {
        return syncs;
    }

    /** Forgets the due syncs of resources whose key starts with {@code prefix} (their kind stopped reconciling). */
    public synchronized void forget(String prefix) {
        due.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** The effective sync period of each subscription, as of the last {@link #refresh}; any thread. */
    public Optional<Duration> effective(String subscriptionId) {
        return Optional.ofNullable(effective.get(subscriptionId.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every subscription measured, as of the last {@link #refresh}; any thread. */
    public Map<String, Duration> effective() {
        return effective;
    }

    /** Recomputes the effective periods at {@code now} and logs a line where one crossed the threshold. */
    public void refresh(long now) {
        if (configured.isEmpty()) {
            return;
        }
        Map<String, Duration> next = compute(now);
        effective = Map.copyOf(next);
        next.forEach((sub, period) -> stretch(sub).update(sub, configured.get(), period).ifPresent(line -> {
            if (stretch(sub).stretched()) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        }));
    }

    private synchronized SyncStretch stretch(String subscription) {
        return stretches.computeIfAbsent(subscription, s -> new SyncStretch());
    }

    private synchronized Map<String, Duration> compute(long now) {
        Map<String, Long> oldest = new HashMap<>();
        due.values().forEach(d -> oldest.merge(d.subscription(), now - d.since(), Math::max));
        achieved.forEach((sub, meter) -> {
            long mean = meter.mean(now);
            if (mean >= 0) {
                lastMean.put(sub, mean);
            }
        });
        Map<String, Duration> out = new HashMap<>();
        for (String sub : union(oldest.keySet(), lastMean.keySet())) {
            long measured = Math.max(oldest.getOrDefault(sub, 0L), lastMean.getOrDefault(sub, 0L));
            out.put(sub, Duration.ofMillis(measured));
        }
        return out;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The mean of values added in the last {@code horizon} (in buckets of horizon/buckets). Plain Java. */
    static final class MeanMeter {
        private final long bucketMillis;
        private final long[] starts;
        private final long[] sums;
        private final long[] counts;

        MeanMeter(long horizonMillis, int buckets) {
            this.bucketMillis = Math.max(1, horizonMillis / buckets);
            this.starts = new long[buckets];
            this.sums = new long[buckets];
            this.counts = new long[buckets];
            java.util.Arrays.fill(starts, Long.MIN_VALUE);
        }

        void add(long now, long value) {
            long start = Math.floorDiv(now, bucketMillis) * bucketMillis;
            int i = (int) Math.floorMod(Math.floorDiv(now, bucketMillis), (long) starts.length);
            if (starts[i] != start) {
                starts[i] = start;
                sums[i] = 0;
                counts[i] = 0;
            }
            sums[i] += value;
            counts[i]++;
        }

        /** The mean, or -1 when nothing was added within the horizon. */
        long mean(long now) {
            long oldest = Math.floorDiv(now, bucketMillis) * bucketMillis - (starts.length - 1) * bucketMillis;
            long sum = 0;
            long count = 0;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] >= oldest && starts[i] <= now) {
                    sum += sums[i];
                    count += counts[i];
                }
            }
            return count == 0 ? -1 : sum / count;
        }
    }
}
