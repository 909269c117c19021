package io.azureoperator.budget;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Waiting requests of one class and priority, served round-robin across fairness keys (e.g. "kind/namespace"):
 * a key with a thousand waiting requests gets one grant, then every other waiting key gets one, and so on.
 * FIFO within a key. Plain Java, one owner.
 *
 * @param <T> the waiting request's handle
 */
final class FairQueue<T> {

    /** A waiting request and when it started waiting (budget clock millis). */
    record Waiting<T>(T request, String key, long since) {
    }

    private final Map<String, Deque<Waiting<T>>> byKey = new HashMap<>();
    /** Keys that have something waiting, in serving order. */
    private final Deque<String> turn = new ArrayDeque<>();
    private int size;

    void add(String key, T request, long since) {
        Deque<Waiting<T>> q = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (q.isEmpty()) {
            turn.addLast(key);
        }
        q.addLast(new Waiting<>(request, key, since));
        size++;
    }

    /** The next request in round-robin order, or null. */
    Waiting<T> poll() {
        String key = turn.pollFirst();
        if (key == null) {
            return null;
        }
        Deque<Waiting<T>> q = byKey.get(key);
        Waiting<T> w = q.pollFirst();
        if (q.isEmpty()) {
            byKey.remove(key);
        } else {
            turn.addLast(key);
        }
        size--;
        return w;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** When the longest-waiting request started waiting, or -1 if none waits. */
    long oldestSince() {
        long oldest = -1;
        for (Deque<Waiting<T>> q : byKey.values()) {
            long s = q.peekFirst().since();
            oldest = oldest < 0 ? s : Math.min(oldest, s);
        }
        return oldest;
    }
}
