package io.azureoperator.budget;

import io.azureoperator.config.DriftDetection;
import io.azureoperator.config.RateLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How many resources one subscription's budget can keep in sync per sync period, by drift-detection mode.
 * A budget of N per window W allows {@code floor(N * period / W)} requests per period, sustained. Per resource
 * and sync:
 * <ul>
 *   <li>put: 1 write (PUT), no read;
 *   <li>get: 1 read (GET) + {@code drift} writes (the share of resources found drifted and re-PUT);
 *   <li>list: each (type, scope) is LISTed whenever its snapshot is older than
 *       {@link DriftDetection#listSnapshotAge} (the rule the operator follows), so {@code ceil(period / age)} LISTs
 *       per period and scope (4 at 15m, 12 at 1h, 288 at 24h), each of {@code ceil(resources in scope / }
 *       {@value #LIST_PAGE_SIZE}{@code )} pages (resources spread evenly over {@code scopes} pairs), + {@code drift}
 *       writes per resource.
 * </ul>
 * Deletes and user changes are not part of a sync; LRO polls are not counted (a re-PUT of an unchanged resource
 * normally completes synchronously). The maximum is the smallest over the classes. Plain Java.
 */
public final class Capacity {
    public static final int LIST_PAGE_SIZE = 1000;

    /** The answer for one mode and period; {@code limitedBy} is the class that runs out first. */
    public record Result(DriftDetection mode, Duration syncPeriod, long maxResources, RequestClass limitedBy,
                         long writesPerPeriod, long readsPerPeriod) {
    }

    private Capacity() {
    }

    /** Requests a budget allows per {@code period}, sustained. */
    public static long perPeriod(RateLimit limit, Duration period) {
        return BigDecimal.valueOf(limit.requests()).multiply(BigDecimal.valueOf(period.toMillis()))
                .divide(BigDecimal.valueOf(limit.window().toMillis()), 0, RoundingMode.FLOOR).longValueExact();
    }

    /**
     * @param drift the share of resources that drifted per sync, 0..1 (e.g. 0.01 for 1%)
     * @param scopes (type, scope) pairs listed per sync in list mode, at least 1
     */
    public static Result max(DriftDetection mode, Duration syncPeriod, RateLimit writes, RateLimit reads,
                             BigDecimal drift, int scopes) {
        if (drift.signum() < 0 || drift.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("drift must be between 0% and 100%");
        }
        if (scopes < 1) {
            throw new IllegalArgumentException("scopes must be at least 1");
        }
        long w = perPeriod(writes, syncPeriod);
        long r = perPeriod(reads, syncPeriod);
        long byWrites;
        long byReads;
        switch (mode) {
            case PUT -> {
                byWrites = w;
                byReads = Long.MAX_VALUE;
            }
            case GET -> {
                byWrites = byDrift(w, drift);
                byReads = r;
            }
            default -> {
                byWrites = byDrift(w, drift);
                byReads = r / scopes / listsPerPeriod(syncPeriod) * LIST_PAGE_SIZE * scopes;
            }
        }
        return byReads < byWrites
                ? new Result(mode, syncPeriod, byReads, RequestClass.READ, w, r)
                : new Result(mode, syncPeriod, byWrites, RequestClass.WRITE, w, r);
    }

    /** LISTs of one (type, scope) per sync period in list mode: a fresh snapshot every snapshot age. */
    public static long listsPerPeriod(Duration syncPeriod) {
        long age = DriftDetection.listSnapshotAge(syncPeriod).toMillis();
        return Math.max(1, (syncPeriod.toMillis() + age - 1) / age);
    }

    private static long byDrift(long writes, BigDecimal drift) {
        return drift.signum() == 0 ? Long.MAX_VALUE
                : BigDecimal.valueOf(writes).divide(drift, 0, RoundingMode.FLOOR).longValueExact();
    }
}
