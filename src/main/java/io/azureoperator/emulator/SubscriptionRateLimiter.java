package io.azureoperator.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/** Per-subscription sliding-window budgets for writes, reads and deletes, as ARM enforces them. */
final class SubscriptionRateLimiter {

    /** Result of one request: allowed or not, the budget left, and when a slot frees if not. */
    record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, Deque<Long>> history = new HashMap<>();
    private final Map<RequestClass, Integer> limits = new EnumMap<>(RequestClass.class);
    private long windowNanos;

    SubscriptionRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        setLimits(1200, 12000, 15000, Duration.ofHours(1));
    }

    synchronized void setLimits(int writes, int reads, int deletes, Duration window) {
        limits.put(RequestClass.WRITE, writes);
        limits.put(RequestClass.READ, reads);
        limits.put(RequestClass.DELETE, deletes);
        windowNanos = window.toNanos();
        history.clear();
    }

    synchronized Decision acquire(String subscription, RequestClass requestClass) {
        long now = nanoClock.getAsLong();
        int limit = limits.get(requestClass);
        Deque<Long> times = history.computeIfAbsent(
                subscription.toLowerCase(Locale.ROOT) + "|" + requestClass, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            long waitNanos = times.isEmpty() ? windowNanos : times.peekFirst() + windowNanos - now;
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            return new Decision(false, limit, 0, seconds);
        }
        times.addLast(now);
        return new Decision(true, limit, limit - times.size(), 0);
    }

    synchronized String describe(RequestClass requestClass) {
        return limits.get(requestClass) + " per " + Duration.ofNanos(windowNanos);
    }
}
