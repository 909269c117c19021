package io.azureoperator.reconcile;

import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When each key is next due, in one ordered structure (not a timer per resource). A key has at most one
 * entry; scheduling it again replaces the entry. Plain Java; used from one verticle's context.
 */
public final class DueQueue {

    /**
     * A scheduled visit: when, whether it is a periodic re-sync, and for a re-sync since when the resource has been
     * in sync (-1: not known).
     */
    public record Entry(long dueAt, String key, Trigger trigger, long since) implements Comparable<Entry> {
        public Entry(long dueAt, String key, Trigger trigger) {
            this(dueAt, key, trigger, -1);
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(dueAt, o.dueAt);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final TreeSet<Entry> ordered = new TreeSet<>();
    private final Map<String, Entry> byKey = new HashMap<>();

    public void schedule(String key, long dueAt, Trigger trigger) {
        schedule(key, dueAt, trigger, -1);
    }

    /** Schedules a visit, {@code since} as in {@link Entry}. */
    public void schedule(String key, long dueAt, Trigger trigger, long since) {
        cancel(key);
        Entry e = new Entry(dueAt, key, trigger, since);
        ordered.add(e);
        byKey.put(key, e);
    }

    public void cancel(String key) {
        Entry old = byKey.remove(key);
        if (old != null) {
            ordered.remove(old);
        }
    }

    public Optional<Entry> scheduled(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Removes and returns every entry due at or before {@code now}, earliest first. */
    public List<Entry> pollDue(long now) {
        List<Entry> due = new ArrayList<>();
        while (!ordered.isEmpty() && ordered.first().dueAt() <= now) {
            Entry e = ordered.pollFirst();
            byKey.remove(e.key());
            due.add(e);
        }
        return due;
    }

    /** The earliest due time, or -1 when empty. */
    public long nextDueAt() {
        return ordered.isEmpty() ? -1 : ordered.first().dueAt();
    }

    public int size() {
        return byKey.size();
    }
}
