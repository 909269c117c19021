package io.azureoperator.budget;

/**
 * Slows a class down when ARM says its own budget runs low ({@code x-ms-ratelimit-remaining-subscription-*}),
 * before ARM answers 429. Rule: while the last reported remaining {@code r} is below
 * {@code max(FLOOR, limit / 10)} (10% of the configured limit, at least 10), consecutive grants are at least
 * {@code window / max(1, r)} apart: what is left is spread over one configured window instead of being spent
 * at once (ARM refills continuously, so the next answers report more and the spacing relaxes; at or above the
 * threshold there is no spacing). Plain Java, one owner.
 */
final class Pacing {
    static final int FLOOR = 10;

    private final int threshold;
    private final long windowMillis;
    private final int limit;
    private long intervalMillis;
    private int lastRemaining = -1;

    Pacing(int limit, long windowMillis) {
        this.threshold = Math.max(FLOOR, limit / 10);
        this.windowMillis = windowMillis;
        this.limit = limit;
    }

    void observed(int remaining) {
        lastRemaining = Math.max(0, remaining);
        // close to ARM's own limit: no more bursts, one request per refill (the budget's average rate), twice as
        // slow when ARM says nothing is left
        intervalMillis = lastRemaining >= threshold ? 0
                : Math.max(1, windowMillis / limit) * (lastRemaining == 0 ? 2 : 1);
    }

    /** The earliest time the next grant may go, given the last grant's time (or -1 if none yet). */
    long nextAt(long lastGrant) {
        return intervalMillis == 0 || lastGrant < 0 ? Long.MIN_VALUE : lastGrant + intervalMillis;
    }

    long intervalMillis() {
        return intervalMillis;
    }

    /** The last value ARM reported, or -1. */
    int lastRemaining() {
        return lastRemaining;
    }

    int threshold() {
        return threshold;
    }
}
