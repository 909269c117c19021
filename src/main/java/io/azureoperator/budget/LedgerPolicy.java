package io.azureoperator.budget;

import io.azureoperator.config.RateLimit;

/**
 * How big and how long the write-ahead reservations are.
 *
 * @param chunkPercent a reservation covers up to this percentage of the class's limit (at least 1 grant): the
 *                     most a restart can waste per class, and how often the ledger is written under full load
 *                     (about 100 / chunkPercent times per window)
 * @param maxLeaseMillis a reservation's grants are handed out within at most this long after it was made (and
 *                       at most 1% of the window, at least 1 s): after a restart its unknown grants are counted
 *                       at the lease end, so a short lease releases them sooner; when traffic trickles, each
 *                       lease costs one ledger write
 * @param clockSkewMillis added to every stored time read back after a restart, against a wall clock that runs
 *                        behind the previous process's
 * @param sendDelayMillis how long after its grant a request may still reach ARM (a token fetched again, a
 *                        connection opened), also added to stored times read back: ARM counts a request when it
 *                        arrives, and a process that died can no longer correct its grants to their answers' times
 */
public record LedgerPolicy(int chunkPercent, long maxLeaseMillis, long clockSkewMillis, long sendDelayMillis) {

    public static final LedgerPolicy DEFAULT = new LedgerPolicy(5, 60_000, 2_000, 30_000);

    /** No send delay: requests reach ARM at their grant (simulations). */
    public LedgerPolicy(int chunkPercent, long maxLeaseMillis, long clockSkewMillis) {
        this(chunkPercent, maxLeaseMillis, clockSkewMillis, 0);
    }

    /** How much later than a stored reservation's end its grants may have reached ARM, as far as a successor knows. */
    long slackMillis() {
        return clockSkewMillis + sendDelayMillis;
    }

    int chunk(RateLimit limit) {
        return (int) Math.max(1, (long) limit.requests() * chunkPercent / 100);
    }

    long lease(RateLimit limit) {
        return Math.min(maxLeaseMillis, Math.max(1_000, limit.window().toMillis() / 100));
    }
}
