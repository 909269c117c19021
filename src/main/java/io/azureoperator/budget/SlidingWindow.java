package io.azureoperator.budget;

import java.time.Duration;

/**
 * At most {@code limit} grants in any window of {@code window}: the ring of the last {@code limit}
 * grant times says exactly when the next grant may go. Plain Java, not thread-safe (one owner).
 */
public final class SlidingWindow {
    private final long[] grants;
    private final long windowMillis;
    private int next;
    private int count;

    public SlidingWindow(int limit, Duration window) {
        this.grants = new long[limit];
        this.windowMillis = window.toMillis();
    }

    /** The earliest time (epoch millis) at or after {@code now} when one more grant keeps the bound. */
    public long nextFreeAt(long now) {
        if (count < grants.length) {
            return now;
        }
        return Math.max(now, grants[next] + windowMillis);
    }

    /** Records a grant at {@code now}; the caller checked {@link #nextFreeAt}. */
    public void grant(long now) {
        if (nextFreeAt(now) > now) {
            throw new IllegalStateException("grant would exceed " + grants.length + " per " + windowMillis + "ms");
        }
        grants[next] = now;
        next = (next + 1) % grants.length;
        count = Math.min(count + 1, grants.length);
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
        for (int i = 0; i < count; i++) {
            all[i] = grants[(next - count + i + grants.length * 2) % grants.length];
        }
        System.arraycopy(at, 0, all, count, at.length);
        java.util.Arrays.sort(all);
        int keep = Math.min(all.length, grants.length);
        java.util.Arrays.fill(grants, 0);
        for (int i = 0; i < keep; i++) {
            grants[i] = all[all.length - keep + i];
        }
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
        return grants.length - used;
    }

    public int limit() {
        return grants.length;
    }
}
