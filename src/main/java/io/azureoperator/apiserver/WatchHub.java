package io.azureoperator.apiserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The open watches of one type and its recent history, so a watch can resume from a resourceVersion. The
 * history keeps the last {@code limit} events; a resume from before them is answered 410 Expired. Not
 * thread-safe: the {@link ObjectStore} calls it under its lock.
 */
final class WatchHub {
    private final int limit;
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final Set<WatchSubscription> subscriptions = new LinkedHashSet<>();
    /** Events at or below this resourceVersion may be missing from the history. */
    private long floor;

    WatchHub(int limit) {
        this.limit = limit;
    }

    void publish(WatchEvent e) {
        history.addLast(e);
        if (history.size() > limit) {
            floor = history.removeFirst().resourceVersion();
        }
        for (WatchSubscription s : subscriptions) {
            s.offer(e);
        }
    }

    /** Whether every event after {@code resourceVersion} is still known. */
    boolean canResumeFrom(long resourceVersion) {
        return resourceVersion >= floor;
    }

    long floor() {
        return floor;
    }

    /** The events after {@code resourceVersion}, oldest first. */
    List<WatchEvent> since(long resourceVersion) {
        List<WatchEvent> out = new ArrayList<>();
        Iterator<WatchEvent> newestFirst = history.descendingIterator();
        while (newestFirst.hasNext()) {
            WatchEvent e = newestFirst.next();
            if (e.resourceVersion() <= resourceVersion) {
                break;
            }
            out.add(e);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Drops the history: resuming from before {@code resourceVersion} now answers 410. */
    void forget(long resourceVersion) {
        history.clear();
        floor = resourceVersion;
    }

    void add(WatchSubscription s) {
        subscriptions.add(s);
    }

    void remove(WatchSubscription s) {
        subscriptions.remove(s);
    }

    List<WatchSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    void clearSubscriptions() {
        subscriptions.clear();
    }
}
