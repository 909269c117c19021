package io.azureoperator.budget;

import io.azureoperator.config.OperatorConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every subscription's ARM budget: the only place that decides when a request may go out. Requests wait
 * here until their sliding window has room, no 429 pause holds, ARM's remaining-header pacing allows, and a
 * reservation covering the grant is stored in the {@link SpentLedger} (see package-info). All state is touched on
 * this verticle's context only; {@link #budget()} is the thread-safe front door; the ledger's blocking work
 * happens wherever the ledger puts it, never here.
 */
public final class BudgetVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetVerticle.class);
    private static final long LEDGER_RETRY_MILLIS = 1_000;
    private static final long TICK_MILLIS = 1_000;

    private final OperatorConfig config;
    private final SpentLedger ledger;
    private final BudgetClock clock;
    private final LedgerPolicy policy;
    private final Map<String, Sub> subscriptions = new HashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /**
     * What ARM's answers reported (a request answered, the requests ARM has left), queued from any thread. A
     * report only matters to later grants, so it is applied on this context before every grant decision and
     * every stats snapshot, not on a hop of its own; only a report that may let a waiting request go sooner
     * hops at once. That is one hop per ARM request instead of three: in a burst each hop woke this verticle's
     * event loop, which then preempted the kind's.
     */
    private final Queue<Runnable> reports = new ConcurrentLinkedQueue<>();
    private volatile List<BudgetStats> lastStats = List.of();
    private long tick = -1;
    /** Why requests are refused (the ARM gate closed: stopping, lease lost), or null; on this context only. */
    private Throwable closed;

    /** A budget whose ledger lives in this process only: it does not survive a restart (tests, tools). */
    public BudgetVerticle(OperatorConfig config) {
        this(config, SpentLedger.inMemory());
    }

    /** The budget with {@code ledger} (e.g. {@link KubernetesSpentLedger}) keeping what was spent across restarts. */
    public BudgetVerticle(OperatorConfig config, SpentLedger ledger) {
        this(config, ledger, BudgetClock.system(), LedgerPolicy.DEFAULT);
    }

    public BudgetVerticle(OperatorConfig config, SpentLedger ledger, BudgetClock clock, LedgerPolicy policy) {
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public Future<?> start() {
        if (!config.subscriptionId().isBlank()) {
            forSubscription(config.subscriptionId()); // the global credential's budget is on /metrics from the start
            refreshStats();
        }
        tick = vertx.setPeriodic(TICK_MILLIS, id -> refreshStats());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tick);
        return Future.succeededFuture();
    }

    /**
     * The front door other components use: requests for a grant and 429s hop onto this verticle's context; the
     * answers' reports are queued for its next decision ({@link #reports}).
     */
    public Budget budget() {
        return new Budget() {
            @Override
            public Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority) {
                return acquire(subscriptionId, requestClass, priority, SubscriptionBudget.DEFAULT_KEY);
            }

            @Override
            public Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority,
                                        String fairnessKey) {
                Promise<Long> granted = Promise.promise();
                Context caller = Vertx.currentContext();
                Promise<Long> grant = Promise.promise();
                // the grant is handed back on the caller's context, so its continuation stays there
                grant.future().onComplete(ar -> {
                    if (caller == null) {
                        granted.handle(ar);
                    } else {
                        caller.runOnContext(x -> granted.handle(ar));
                    }
                });
                context.runOnContext(v -> {
                    if (closed != null) {
                        grant.fail(closed); // the gate closed while this request was on its way here
                        return;
                    }
                    Sub sub = forSubscription(subscriptionId);
                    waiting.incrementAndGet();
                    sub.budget.enqueue(requestClass, priority, fairnessKey, grant, clock.millis());
                    drain(sub, requestClass);
                });
                return granted.future();
            }

            @Override
            public void answered(String subscriptionId, RequestClass requestClass, long grantedAt) {
                long now = clock.millis();
                // moving a grant later never lets a waiting request go sooner: no hop
                reports.add(() -> forSubscription(subscriptionId).budget.answered(requestClass, grantedAt, now));
            }

            @Override
            public void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis) {
                context.runOnContext(v -> {
                    LOG.warn("budget/{}: ARM throttled {} requests, pausing them for {} ms", subscriptionId,
                            requestClass, retryAfterMillis);
                    forSubscription(subscriptionId).budget.pause(requestClass, clock.millis() + retryAfterMillis);
                });
            }

            @Override
            public void observed(String subscriptionId, RequestClass requestClass, int remaining) {
                reports.add(() -> forSubscription(subscriptionId).budget.observed(requestClass, remaining));
                if (waiting.get() > 0) { // ARM's count may space the waiting requests differently
                    context.runOnContext(v -> drain(forSubscription(subscriptionId), requestClass));
                }
            }
        };
    }

    /**
     * This replica has just taken the lease: what it loaded while on standby may be stale (the previous leader went
     * on granting under its reservations until it stopped), so every subscription's budget starts again from the
     * ledger as it is now, as after a restart. Grants wait for that load. Called with no request waiting (a new
     * term starts once the previous term's reconciles have ended); a subscription with waiting requests is kept.
     */
    public Future<Void> newTerm() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = null;
            for (Sub old : List.copyOf(subscriptions.values())) {
                if (old.budget.waitingCount() > 0) {
                    LOG.warn("budget/{}: requests waiting at the start of a term: its ledger is not read again",
                            old.id);
                    continue;
                }
                old.timers.values().forEach(vertx::cancelTimer);
                subscriptions.remove(old.id);
                forSubscription(old.id);
            }
            done.complete();
        });
        return done.future();
    }

    /**
     * The ARM gate closed (shutdown, lease lost): every request waiting for a grant fails with {@code reason} at once
     * instead of being granted later, which would spend budget, write reservations and hold a graceful stop up
     * until its drain timeout; so does every request asking later, until {@link #newTerm}. Returns how many
     * waiting requests were refused.
     */
    public Future<Integer> refuseWaiting(Throwable reason) {
        Promise<Integer> done = Promise.promise();
        context.runOnContext(v -> {
            closed = reason; // and every request that comes later, until a new term
            int[] refused = {0};
            subscriptions.values().forEach(sub -> sub.budget.takeWaiting(p -> {
                waiting.decrementAndGet();
                refused[0]++;
                p.fail(reason);
            }));
            if (refused[0] > 0) {
                LOG.info("budget: {} waiting request(s) refused: {}", refused[0], reason.getMessage());
            }
            done.complete(refused[0]);
        });
        return done.future();
    }

    /** Requests waiting for a grant, across subscriptions (for the live view and metrics); any thread. */
    public int waiting() {
        return waiting.get();
    }

    /** Every subscription's budget per class, as of at most a second ago; any thread. */
    public List<BudgetStats> lastStats() {
        return lastStats;
    }

    /** A fresh snapshot, taken on the verticle's context. */
    public Future<List<BudgetStats>> stats() {
        Promise<List<BudgetStats>> out = Promise.promise();
        context.runOnContext(v -> out.complete(snapshot()));
        return out.future();
    }

    /** ARM IDs are case-insensitive: one subscription however its ID is spelled (its ledger's name is lowercase). */
    private Sub forSubscription(String subscriptionId) {
        String id = subscriptionId.toLowerCase(java.util.Locale.ROOT);
        Sub sub = subscriptions.get(id);
        if (sub == null) {
            sub = new Sub(id, new SubscriptionBudget<>(config.writeLimit(), config.readLimit(), config.deleteLimit(),
                    policy));
            subscriptions.put(id, sub);
            load(sub);
        }
        return sub;
    }

    private void load(Sub sub) {
        ledger.load(sub.id).whenComplete((stored, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                sub.ledgerTrouble("cannot read the spent-budget ledger", failure);
                vertx.setTimer(LEDGER_RETRY_MILLIS, t -> load(sub));
                return;
            }
            sub.ledgerOk();
            long now = clock.millis();
            sub.budget.loaded(stored, now);
            LOG.info("budget/{}: {} reservation(s) from the ledger counted as spent", sub.id, stored.size());
            drainAll(sub);
        }));
    }

    private void drainAll(Sub sub) {
        for (RequestClass c : RequestClass.values()) {
            drain(sub, c);
        }
    }

    private void drain(Sub sub, RequestClass c) {
        applyReports();
        long now = clock.millis();
        long next = sub.budget.grantDue(c, now, p -> {
            waiting.decrementAndGet();
            p.complete(now);
        });
        write(sub);
        schedule(sub, c, next, now);
    }

    private void write(Sub sub) {
        List<Reservation> records = sub.budget.pendingWrite(clock.millis());
        if (records == null) {
            return;
        }
        ledger.store(sub.id, records).whenComplete((stored, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                sub.budget.storeFailed();
                sub.ledgerTrouble("cannot write the spent-budget ledger; no ARM request goes out until it can",
                        failure);
                vertx.setTimer(LEDGER_RETRY_MILLIS, t -> drainAll(sub));
                return;
            }
            sub.ledgerOk();
            sub.budget.stored(stored, clock.millis());
            drainAll(sub);
        }));
    }

    /** One timer per subscription and class, for the earliest time something may go. */
    private void schedule(Sub sub, RequestClass c, long next, long now) {
        if (next < 0 || next == SubscriptionBudget.WAIT_FOR_LEDGER) {
            return;
        }
        Long due = sub.timerDue.get(c);
        if (due != null && due <= next) {
            return;
        }
        if (due != null) {
            vertx.cancelTimer(sub.timers.remove(c));
        }
        sub.timerDue.put(c, next);
        sub.timers.put(c, vertx.setTimer(Math.max(1, next - now), id -> {
            sub.timers.remove(c);
            sub.timerDue.remove(c);
            drain(sub, c);
        }));
    }

    private void refreshStats() {
        lastStats = List.copyOf(snapshot());
    }

    private void applyReports() {
        for (Runnable report = reports.poll(); report != null; report = reports.poll()) {
            report.run();
        }
    }

    private List<BudgetStats> snapshot() {
        applyReports();
        long now = clock.millis();
        List<BudgetStats> out = new ArrayList<>();
        subscriptions.values().forEach(s -> out.addAll(s.budget.stats(s.id, now)));
        return out;
    }

    private static final class Sub {
        final String id;
        final SubscriptionBudget<Promise<Long>> budget;
        final Map<RequestClass, Long> timers = new EnumMap<>(RequestClass.class);
        final Map<RequestClass, Long> timerDue = new EnumMap<>(RequestClass.class);
        boolean ledgerFailing;

        Sub(String id, SubscriptionBudget<Promise<Long>> budget) {
            this.id = id;
            this.budget = budget;
        }

        void ledgerTrouble(String what, Throwable failure) {
            if (!ledgerFailing) {
                LOG.warn("budget/{}: {}: {}", id, what, failure.toString());
                ledgerFailing = true;
            }
        }

        void ledgerOk() {
            if (ledgerFailing) {
                LOG.info("budget/{}: the spent-budget ledger works again", id);
                ledgerFailing = false;
            }
        }
    }
}
