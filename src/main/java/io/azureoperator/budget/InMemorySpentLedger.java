package io.azureoperator.budget;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SpentLedger} in a map: durable for as long as this object lives. Tests share one instance between
 * a "crashed" budget and its successor; the default {@link BudgetVerticle} uses one of its own.
 */
public final class InMemorySpentLedger implements SpentLedger {
    private final Map<String, List<Reservation>> stored = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<List<Reservation>> load(String subscriptionId) {
        return CompletableFuture.completedFuture(stored.getOrDefault(subscriptionId, List.of()));
    }

    @Override
    public CompletionStage<List<Reservation>> store(String subscriptionId, List<Reservation> reservations) {
        List<Reservation> copy = List.copyOf(reservations);
        stored.put(subscriptionId, copy);
        return CompletableFuture.completedFuture(copy);
    }

    /** What is stored for the subscription now. */
    public List<Reservation> stored(String subscriptionId) {
        return stored.getOrDefault(subscriptionId, List.of());
    }
}
