package io.azureoperator.budget;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a subscription's budget has spent, kept where it outlives the process. The budget never hands out a
 * grant that is not covered by a {@link Reservation} this ledger has confirmed durable (write-ahead), so a
 * restarted process that {@link #load loads} the ledger knows an upper bound of what its predecessor spent.
 * Implementations may block only off the caller's thread (the returned stages complete on any thread).
 */
public interface SpentLedger {

    /** Every reservation stored for the subscription (empty when there is none). */
    CompletionStage<List<Reservation>> load(String subscriptionId);

    /**
     * Durably replaces the subscription's reservations by {@code reservations}; completes once they are stored,
     * with what is stored now: {@code reservations} plus any that another writer stored meanwhile (the budget
     * counts those as spent too).
     */
    CompletionStage<List<Reservation>> store(String subscriptionId, List<Reservation> reservations);

    /** A ledger that lives only as long as this object (tests, tools; a restart of the JVM loses it). */
    static SpentLedger inMemory() {
        return new InMemorySpentLedger();
    }
}
