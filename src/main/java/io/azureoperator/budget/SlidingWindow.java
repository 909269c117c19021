package io.azureoperator.budget;

import java.time.Duration;
import java.util.Arrays;

/**
 * At most {@code limit} grants in any window of {@code window}: the ring of the last {@code limit}
 * grant times says exactly when the next grant may go. The ring grows with the grants actually made, so a very
 * large limit costs nothing until it is used. Plain Java, not thread-safe (one owner).
 */
public final class SlidingWindow {
    private static final int INITIAL_CAPACITY = 256;

    private final int limit;
    private final long windowMillis;
    /** Grant times, oldest first from {@code next - count} (mod length) when full, from 0 otherwise. */
    private long[] grants;
    private int next;
    private int count;

    public SlidingWindow(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.grants = new long[Math.min(limit, INITIAL_CAPACITY)];
        this.windowMillis = window.toMillis();
    }

    /** The earliest time (epoch millis) at or after {@code now} when one more grant keeps the bound. */
    public long nextFreeAt(long now) {
        if (count < limit) {
            return now;
        }
        return Math.max(now, grants[next] + windowMillis);
    }

    /** Records a grant at {@code now}; the caller checked {@link #nextFreeAt}. */
    public void grant(long now) {
        if (nextFreeAt(now) > now) {
            throw new IllegalStateException("grant would exceed " + limit + " per " + windowMillis + "ms");
        }
        if (count == grants.length && count < limit) {
            grow();
        }
        grants[next] = now;
        next = (next + 1) % grants.length;
        count = Math.min(count + 1, grants.length);
    }

    /** Doubles the ring (at most to the limit), oldest grant first. */
    private void grow() {
        long[] ordered = oldestFirst();
        grants = Arrays.copyOf(ordered, (int) Math.min(limit, 2L * grants.length));
        next = count;
    }

    private long[] oldestFirst() {
        long[] ordered = new long[count];
        for (int i = 0; i < count; i++) {
            ordered[i] = grants[(next - count + i + grants.length * 2) % grants.length];
        }
        return ordered;
    }

    /**
     * Records a grant made elsewhere (by an earlier process, or another writer of the ledger) at {@code at}, even
     * if it breaks the bound: it only makes later grants wait longer. Keeps the ring sorted and its newest
     * {@code limit} entries, the only ones {@link #nextFreeAt} needs.
     */
    public void absorb(long at) {
        absorbAll(new long[] {at});
    }

    /** {@link #absorb} for many grants at once. */
    public void absorbAll(long[] at) {
        long[] all = new long[count + at.length];
        System.arraycopy(oldestFirst(), 0, all, 0, count);
        System.arraycopy(at, 0, all, count, at.length);
        Arrays.sort(all);
        int keep = Math.min(all.length, limit);
        grants = new long[Math.max(keep, Math.min(limit, INITIAL_CAPACITY))];
        System.arraycopy(all, all.length - keep, grants, 0, keep);
        count = keep;
        next = keep % grants.length;
    }

    /** Grants still possible right now. */
    public int remaining(long now) {
        int used = 0;
        for (int i = 0; i < count; i++) {
            if (grants[i] > now - windowMillis) {
                used++;
            }
        }
        return limit - used;
    }

    public int limit() {
        return limit;
    }
}
