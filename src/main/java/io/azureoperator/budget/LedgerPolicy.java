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
 */
public record LedgerPolicy(int chunkPercent, long maxLeaseMillis, long clockSkewMillis) {

    public static final LedgerPolicy DEFAULT = new LedgerPolicy(5, 60_000, 2_000);

    int chunk(RateLimit limit) {
        return (int) Math.max(1, (long) limit.requests() * chunkPercent / 100);
    }

    long lease(RateLimit limit) {
        return Math.min(maxLeaseMillis, Math.max(1_000, limit.window().toMillis() / 100));
    }
}
