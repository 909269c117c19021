package io.azureoperator.budget;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * At most {@code limit} grants in any window of {@code window}: the times of the last {@code limit} grants say
 * exactly when the next grant may go. Grants are kept as runs (time → how many), and runs older than two windows
 * are dropped, so memory follows the grants actually made in the recent past, not the limit: a very large limit,
 * or a restart that counts a large reservation as spent, costs a few entries. Plain Java, not thread-safe (one
 * owner).
 */
public final class SlidingWindow {
    private final int limit;
    private final long windowMillis;
    /** Grant time → grants at that time; the newest {@code limit} grants at most. */
    private final TreeMap<Long, Integer> runs = new TreeMap<>();
    private long total;

    public SlidingWindow(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** The earliest time (epoch millis) at or after {@code now} when one more grant keeps the bound. */
    public long nextFreeAt(long now) {
        if (total < limit) {
            return now;
        }
        return Math.max(now, runs.firstKey() + windowMillis);
    }

    /** Records a grant at {@code now}; the caller checked {@link #nextFreeAt}. */
    public void grant(long now) {
        if (nextFreeAt(now) > now) {
            throw new IllegalStateException("grant would exceed " + limit + " per " + windowMillis + "ms");
        }
        add(now, 1);
        // a grant is past mattering one window after it; two windows leave room for a clock stepping back
        while (!runs.isEmpty() && runs.firstKey() <= now - 2 * windowMillis) {
            total -= runs.pollFirstEntry().getValue();
        }
    }

    /**
     * Records grants made elsewhere (by an earlier process, or another writer of the ledger) at {@code at}, even
     * if they break the bound: they only make later grants wait longer.
     */
    public void absorb(long at, int count) {
        if (count > 0) {
            add(at, count);
        }
    }

    /**
     * Moves one grant made at {@code from} to {@code to} (later: when its request was answered). A grant no longer
     * kept (older than the newest {@code limit}) counts again at {@code to}, where it may matter.
     */
    public void move(long from, long to) {
        if (to <= from) {
            return;
        }
        Integer n = runs.get(from);
        if (n != null) {
            if (n == 1) {
                runs.remove(from);
            } else {
                runs.put(from, n - 1);
            }
            total--;
        }
        add(to, 1);
    }

    /** Adds a run and keeps only the newest {@code limit} grants, the only ones {@link #nextFreeAt} needs. */
    private void add(long at, int count) {
        runs.merge(at, count, Integer::sum);
        total += count;
        while (total > limit) {
            Map.Entry<Long, Integer> oldest = runs.firstEntry();
            long drop = Math.min(oldest.getValue(), total - limit);
            if (drop == oldest.getValue()) {
                runs.pollFirstEntry();
            } else {
                runs.put(oldest.getKey(), (int) (oldest.getValue() - drop));
            }
            total -= drop;
        }
    }

    /** Grants still possible right now. */
    public int remaining(long now) {
        long used = 0;
        for (int n : runs.tailMap(now - windowMillis, false).values()) {
            used += n;
        }
        return (int) (limit - used);
    }

    public int limit() {
        return limit;
    }
}
