package io.azureoperator.budget;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One subscription's three budgets and the requests waiting on them. Plain Java: the budget verticle drives it
 * with the time, grants what it returns, and carries its reservations to and from the {@link SpentLedger}.
 *
 * <p>Without a ledger policy it grants on the window alone (tests, tools). With one it starts not loaded (no
 * grant until {@link #loaded} has counted what the ledger says was spent) and hands out grants only under a
 * reservation the ledger has stored: {@link #grantDue} then returns {@link #WAIT_FOR_LEDGER},
 * {@link #pendingWrite} gives the records to store, and {@link #stored} or {@link #storeFailed} reports back.
 *
 * @param <T> the waiting request's handle
 */
public final class SubscriptionBudget<T> {
    /** {@link #grantDue}: requests wait for the ledger, which will call back; no timer needed. */
    public static final long WAIT_FOR_LEDGER = ClassBudget.WAIT_FOR_LEDGER;
    /** The fairness key of requests that give none. */
    public static final String DEFAULT_KEY = "";

    private final Map<RequestClass, ClassBudget<T>> classes = new EnumMap<>(RequestClass.class);
    private final boolean usesLedger;
    private boolean loaded;
    private boolean writeInFlight;

    /** Budgets enforced in this process only (no ledger). */
    public SubscriptionBudget(RateLimit writes, RateLimit reads, RateLimit deletes) {
        this(writes, reads, deletes, null);
    }

    /** @param policy null: no ledger; else grants wait for {@link #loaded} and for stored reservations */
    public SubscriptionBudget(RateLimit writes, RateLimit reads, RateLimit deletes, LedgerPolicy policy) {
        classes.put(RequestClass.WRITE, new ClassBudget<>(RequestClass.WRITE, writes, policy));
        classes.put(RequestClass.READ, new ClassBudget<>(RequestClass.READ, reads, policy));
        classes.put(RequestClass.DELETE, new ClassBudget<>(RequestClass.DELETE, deletes, policy));
        this.usesLedger = policy != null;
        this.loaded = !usesLedger;
    }

    /** What the ledger held at start-up, read at {@code now}: every reservation counts as fully spent. */
    public void loaded(List<Reservation> stored, long now) {
        for (Reservation r : stored) {
            classes.get(r.requestClass()).absorb(r, now);
        }
        loaded = true;
    }

    public boolean isLoaded() {
        return loaded;
    }

    public void enqueue(RequestClass c, Priority p, T request) {
        enqueue(c, p, DEFAULT_KEY, request, 0);
    }

    public void enqueue(RequestClass c, Priority p, String fairnessKey, T request, long now) {
        classes.get(c).enqueue(p, fairnessKey == null ? DEFAULT_KEY : fairnessKey, request, now);
    }

    /** ARM answered 429: nothing of class {@code c} goes before {@code until}. */
    public void pause(RequestClass c, long until) {
        classes.get(c).pause(until);
    }

    /** The request of class {@code c} granted at {@code grantedAt} was answered at {@code now} (see {@link Budget#answered}). */
    public void answered(RequestClass c, long grantedAt, long now) {
        classes.get(c).answered(grantedAt, now);
    }

    /** ARM reported {@code remaining} requests of class {@code c} left (see {@link Pacing} for the rule). */
    public void observed(RequestClass c, int remaining) {
        classes.get(c).observed(remaining);
    }

    /**
     * Grants every waiting request of class {@code c} that may go at {@code now} (USER before SYNC, round-robin
     * across fairness keys), handing each to {@code grant}. Returns when the next waiting request may go, -1 if
     * none waits, or {@link #WAIT_FOR_LEDGER}.
     */
    public long grantDue(RequestClass c, long now, Consumer<T> grant) {
        return classes.get(c).grantDue(now, loaded, grant);
    }

    /**
     * When reservations wait to be stored and no write is in flight: every record the ledger must hold now
     * (older ones that still matter, plus the new reservations), marking the write in flight. Else null.
     */
    public List<Reservation> pendingWrite(long now) {
        if (!usesLedger || !loaded || writeInFlight) {
            return null;
        }
        boolean any = false;
        List<Reservation> out = new ArrayList<>();
        for (ClassBudget<T> cb : classes.values()) {
            Reservation r = cb.takePendingReservation();
            out.addAll(cb.liveRecords(now));
            if (r != null) {
                out.add(r);
                any = true;
            }
        }
        writeInFlight = any;
        return any ? out : null;
    }

    /** The write from {@link #pendingWrite} is stored; {@code asStored} may hold another writer's records too. */
    public void stored(List<Reservation> asStored, long now) {
        writeInFlight = false;
        for (Reservation r : asStored) {
            ClassBudget<T> cb = classes.get(r.requestClass());
            if (!cb.knows(r)) {
                cb.absorb(r, now);
            }
        }
        classes.values().forEach(ClassBudget::reservationStored);
    }

    /** The write from {@link #pendingWrite} failed; the next {@link #grantDue} asks again. */
    public void storeFailed() {
        writeInFlight = false;
        classes.values().forEach(ClassBudget::reservationFailed);
    }

    /** Takes every waiting request, of every class, out of the queues: none of them will be granted. */
    public void takeWaiting(Consumer<T> each) {
        classes.values().forEach(c -> c.takeWaiting(each));
    }

    public int waitingCount() {
        return classes.values().stream().mapToInt(ClassBudget::waiting).sum();
    }

    public int remaining(RequestClass c, long now) {
        return classes.get(c).remaining(now);
    }

    public List<BudgetStats> stats(String subscriptionId, long now) {
        return classes.values().stream().map(cb -> cb.stats(subscriptionId, now)).toList();
    }
}
