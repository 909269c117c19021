package io.azureoperator.budget;

import io.azureoperator.config.RateLimit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * One subscription's three budgets and the requests waiting on them, highest priority first.
 * Plain Java: the budget verticle drives it with the time and grants what it returns.
 *
 * @param <T> the waiting request's handle
 */
public final class SubscriptionBudget<T> {

    private final Map<RequestClass, SlidingWindow> windows = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Long> pausedUntil = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Map<Priority, Deque<T>>> waiting = new EnumMap<>(RequestClass.class);

    public SubscriptionBudget(RateLimit writes, RateLimit reads, RateLimit deletes) {
        windows.put(RequestClass.WRITE, new SlidingWindow(writes.requests(), writes.window()));
        windows.put(RequestClass.READ, new SlidingWindow(reads.requests(), reads.window()));
        windows.put(RequestClass.DELETE, new SlidingWindow(deletes.requests(), deletes.window()));
        for (RequestClass c : RequestClass.values()) {
            Map<Priority, Deque<T>> byPriority = new EnumMap<>(Priority.class);
            for (Priority p : Priority.values()) {
                byPriority.put(p, new ArrayDeque<>());
            }
            waiting.put(c, byPriority);
        }
    }

    public void enqueue(RequestClass c, Priority p, T request) {
        waiting.get(c).get(p).add(request);
    }

    public void pause(RequestClass c, long until) {
        pausedUntil.merge(c, until, Math::max);
    }

    /**
     * Grants every waiting request of class {@code c} that the window allows at {@code now}, in priority order,
     * handing each to {@code grant}. Returns when the next waiting request may go, or -1 if none waits.
     */
    public long grantDue(RequestClass c, long now, java.util.function.Consumer<T> grant) {
        SlidingWindow window = windows.get(c);
        for (Priority p : Priority.values()) {
            Deque<T> queue = waiting.get(c).get(p);
            while (!queue.isEmpty()) {
                long at = Math.max(window.nextFreeAt(now), pausedUntil.getOrDefault(c, 0L));
                if (at > now) {
                    return at;
                }
                window.grant(now);
                grant.accept(queue.poll());
            }
        }
        return -1;
    }

    public int waitingCount() {
        return waiting.values().stream().flatMap(m -> m.values().stream()).mapToInt(Deque::size).sum();
    }

    public int remaining(RequestClass c, long now) {
        return windows.get(c).remaining(now);
    }
}
