package io.azureoperator.budget;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One class (writes, reads or deletes) of one subscription: its sliding window, waiting requests, 429 pause,
 * ARM-feedback pacing, write-ahead reservation and counters. Plain Java, driven by {@link SubscriptionBudget}.
 */
final class ClassBudget<T> {
    /** {@link #grantDue} result: requests wait for the ledger (a load or a reservation write), not for a time. */
    static final long WAIT_FOR_LEDGER = Long.MAX_VALUE;
    /** While both wait, every USER_RUN USER grants are followed by one SYNC grant (SYNC never starves). */
    static final int USER_RUN = 9;

    private final RequestClass requestClass;
    private final RateLimit limit;
    private final SlidingWindow window;
    private final FairQueue<T> user = new FairQueue<>();
    private final FairQueue<T> sync = new FairQueue<>();
    private final Pacing pacing;
    private long pausedUntil;
    private long lastGrant = -1;
    private int userRun;
    private long granted;
    private long throttled;

    // write-ahead reservations (only when a ledger is in use)
    private final LedgerPolicy policy;
    private final List<Reservation> records = new ArrayList<>();
    private Reservation active;
    private int activeUsed;
    private long activeLastGrant;
    private Reservation pending;
    private boolean pendingInFlight;

    /** @param policy null: no ledger, grants need no reservation */
    ClassBudget(RequestClass requestClass, RateLimit limit, LedgerPolicy policy) {
        this.requestClass = requestClass;
        this.limit = limit;
        this.window = new SlidingWindow(limit.requests(), limit.window().plus(guard(limit.window())));
        this.pacing = new Pacing(limit.requests(), limit.window().toMillis());
        this.policy = policy;
    }

    /**
     * How much longer than ARM's window ours is: a grant leaves at once but arrives at ARM a little later, and
     * not always equally late, so at a window's edge ARM could count one request more than we did. One
     * percent of the window, at most two seconds (an hour's window: 2 s, 0.06% of the budget).
     */
    static Duration guard(Duration window) {
        Duration percent = window.dividedBy(100);
        return percent.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : percent;
    }

    void enqueue(Priority p, String key, T request, long now) {
        if (p == Priority.SYNC) {
            sync.add(key, request, now);
        } else {
            user.add(key, request, now);
        }
    }

    void pause(long until) {
        pausedUntil = Math.max(pausedUntil, until);
        throttled++;
    }

    /** Counts the grant made at {@code grantedAt} as made at {@code now}, when its answer came (the latest it reached ARM). */
    void answered(long grantedAt, long now) {
        window.move(grantedAt, now);
    }

    void observed(int remaining) {
        pacing.observed(remaining);
    }

    /**
     * Grants what may go at {@code now}. Returns when the next waiting request may go, -1 if none waits, or
     * {@link #WAIT_FOR_LEDGER} when a reservation must first be made durable ({@link #pendingReservation}).
     */
    long grantDue(long now, boolean ledgerReady, Consumer<T> grant) {
        while (!user.isEmpty() || !sync.isEmpty()) {
            long at = Math.max(Math.max(window.nextFreeAt(now), pausedUntil), pacing.nextAt(lastGrant));
            if (at > now) {
                return at;
            }
            if (policy != null && (!ledgerReady || !reservationCovers(now))) {
                if (ledgerReady) {
                    requestReservation(now);
                }
                return WAIT_FOR_LEDGER;
            }
            FairQueue.Waiting<T> next = nextWaiting(now);
            window.grant(now);
            lastGrant = now;
            granted++;
            if (active != null) {
                activeUsed++;
                activeLastGrant = now;
            }
            grant.accept(next.request());
        }
        return -1;
    }

    /** USER first, round-robin across keys; but after USER_RUN USER grants in a row a waiting SYNC one goes. */
    private FairQueue.Waiting<T> nextWaiting(long now) {
        boolean syncTurn = user.isEmpty() || (!sync.isEmpty() && userRun >= USER_RUN);
        if (syncTurn) {
            userRun = 0;
            return sync.poll();
        }
        userRun = sync.isEmpty() ? 0 : userRun + 1;
        return user.poll();
    }

    private boolean reservationCovers(long now) {
        return active != null && activeUsed < active.count() && now <= active.until();
    }

    /** The current reservation is used up or expired: replace its record by what it really covered. */
    private void requestReservation(long now) {
        if (pending != null) {
            return;
        }
        if (active != null) {
            records.remove(active);
            if (activeUsed > 0) {
                records.add(new Reservation(requestClass, active.at(), activeLastGrant, activeUsed));
            }
            active = null;
        }
        // a whole chunk even when the window has fewer slots free: the window still decides every grant, and
        // sized to what was free, a saturated budget (slots freeing one at a time) wrote its ledger once per grant
        int count = policy.chunk(limit);
        pending = new Reservation(requestClass, now, now + policy.lease(limit), count);
    }

    /** A reservation waiting to be written, marked in flight; or null. */
    Reservation takePendingReservation() {
        if (pending == null || pendingInFlight) {
            return null;
        }
        pendingInFlight = true;
        return pending;
    }

    /** The write that carried the in-flight reservation succeeded: it may now be handed out. */
    void reservationStored() {
        if (pending != null && pendingInFlight) {
            active = pending;
            activeUsed = 0;
            records.add(active);
        }
        pending = null;
        pendingInFlight = false;
    }

    /** The write failed (it may or may not have been stored: either way nothing was granted under it). */
    void reservationFailed() {
        pending = null;
        pendingInFlight = false;
    }

    /** Counts grants made elsewhere (a previous process, another writer) as spent at {@code at}. */
    void absorb(Reservation r, long now) {
        records.add(r);
        long at = Math.min(r.until() + policy.slackMillis(), now);
        window.absorb(at, r.count());
    }

    /** Records still able to matter (their grants may be inside a window that ends now or later). */
    List<Reservation> liveRecords(long now) {
        long horizon = now - limit.window().toMillis() - policy.slackMillis();
        records.removeIf(r -> r.until() <= horizon && r != active);
        return records;
    }

    boolean knows(Reservation r) {
        return records.contains(r) || r.equals(pending);
    }

    int waiting() {
        return user.size() + sync.size();
    }

    /** Takes every waiting request out of the queues: none of them will be granted. */
    void takeWaiting(Consumer<T> each) {
        for (FairQueue<T> q : List.of(user, sync)) {
            for (FairQueue.Waiting<T> w = q.poll(); w != null; w = q.poll()) {
                each.accept(w.request());
            }
        }
    }

    BudgetStats stats(String subscriptionId, long now) {
        long oldestSync = sync.oldestSince();
        return new BudgetStats(subscriptionId, requestClass, limit, window.remaining(now), user.size() + sync.size(),
                sync.size(), granted, throttled, oldestSync < 0 ? 0 : now - oldestSync,
                Math.max(0, pausedUntil - now), pacing.intervalMillis(), pacing.lastRemaining());
    }

    int remaining(long now) {
        return window.remaining(now);
    }
}
