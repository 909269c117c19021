package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The bound across crashes: a simulated clock, random arrivals, ledger writes that take random time, and
 * "kill -9" at random points (in-memory state dropped, possibly with a write half done: stored or not), then a
 * restart after a random downtime (often none). A brute-force check over every grant's window afterwards.
 */
class RestartBoundTest {

    /** The durable side: what a ConfigMap would hold, and one write in flight. */
    private static final class SimLedger {
        List<Reservation> stored = List.of();
        List<Reservation> inFlight;
        long doneAt;
    }

    @RepeatedTest(200)
    void noSlidingWindowEverHoldsMoreThanTheLimitAcrossCrashes(RepetitionInfo info) {
        Random random = new Random(31L * info.getCurrentRepetition());
        Map<RequestClass, RateLimit> limits = limits(random, 200);
        LedgerPolicy policy = new LedgerPolicy(1 + random.nextInt(60), 1 + random.nextInt(800),
                random.nextInt(3) == 0 ? 0 : random.nextInt(50));
        assertNoWindowOverTheLimit(simulate(random, limits, policy, 0), limits, policy);
    }

    /**
     * As above, but a request reaches ARM up to {@code sendDelay} after its grant (ARM counts it then), and its
     * answer, right after, moves the grant there; a crash drops what was granted and not yet sent. The check runs
     * over arrival times: a successor must count a dead process's reservations late enough for them.
     */
    @RepeatedTest(100)
    void noWindowOfArrivalsHoldsMoreThanTheLimitWhenRequestsReachArmAfterTheirGrant(RepetitionInfo info) {
        Random random = new Random(77L * info.getCurrentRepetition());
        // windows longer than the send delay: answered within a window of their grant (as with ARM's hour)
        Map<RequestClass, RateLimit> limits = limits(random, 1_600);
        long sendDelay = 1 + random.nextInt(1_500);
        LedgerPolicy policy = new LedgerPolicy(1 + random.nextInt(60), 1 + random.nextInt(800),
                random.nextInt(3) == 0 ? 0 : random.nextInt(50), sendDelay);
        assertNoWindowOverTheLimit(simulate(random, limits, policy, sendDelay), limits, policy);
    }

    private static Map<RequestClass, RateLimit> limits(Random random, int shortestWindowMillis) {
        Map<RequestClass, RateLimit> limits = new EnumMap<>(RequestClass.class);
        for (RequestClass c : RequestClass.values()) {
            limits.put(c, new RateLimit(1 + random.nextInt(12),
                    Duration.ofMillis(shortestWindowMillis + random.nextInt(5_000))));
        }
        return limits;
    }

    /** When each request was counted by ARM (its arrival: its grant when {@code sendDelay} is 0), and the crashes. */
    private record Counted(Map<RequestClass, List<Long>> times, int crashes) {
    }

    private record OnItsWay(RequestClass c, long grantedAt, long arrivesAt) {
    }

    /**
     * A simulated clock, random arrivals, ledger writes that take random time, "kill -9" at random points (memory
     * dropped, a write in flight stored or not, requests granted and not yet sent lost) and restarts after a random
     * downtime.
     */
    private static Counted simulate(Random random, Map<RequestClass, RateLimit> limits, LedgerPolicy policy,
                                    long sendDelay) {
        SimLedger ledger = new SimLedger();
        Map<RequestClass, List<Long>> counted = new EnumMap<>(RequestClass.class);
        for (RequestClass c : RequestClass.values()) {
            counted.put(c, new ArrayList<>());
        }
        List<OnItsWay> sending = new ArrayList<>();
        long now = random.nextInt(1_000_000);
        SubscriptionBudget<Integer> budget = start(limits, policy, ledger, now);
        int crashes = 0;
        for (int step = 0; step < 3_000; step++) {
            now += switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(5);
                case 2 -> random.nextInt(100);
                default -> random.nextInt(1_000);
            };
            for (var it = sending.iterator(); it.hasNext(); ) {
                OnItsWay r = it.next();
                if (r.arrivesAt() <= now) {
                    counted.get(r.c()).add(r.arrivesAt());
                    budget.answered(r.c(), r.grantedAt(), r.arrivesAt());
                    it.remove();
                }
            }
            // the ledger write finishes
            if (ledger.inFlight != null && now >= ledger.doneAt) {
                ledger.stored = ledger.inFlight;
                ledger.inFlight = null;
                budget.stored(ledger.stored, now);
            }
            // kill -9: an in-flight write may or may not have reached the store
            if (random.nextInt(60) == 0) {
                if (ledger.inFlight != null && random.nextBoolean()) {
                    ledger.stored = ledger.inFlight;
                }
                ledger.inFlight = null;
                sending.clear(); // granted, never sent: the process is gone
                crashes++;
                now += random.nextBoolean() ? 0 : random.nextInt(3_000);
                budget = start(limits, policy, ledger, now);
            }
            // arrivals
            int arriving = random.nextInt(3) == 0 ? random.nextInt(20) : 0;
            for (int i = 0; i < arriving; i++) {
                RequestClass c = RequestClass.values()[random.nextInt(3)];
                Priority p = random.nextBoolean() ? Priority.USER : Priority.SYNC;
                budget.enqueue(c, p, "k" + random.nextInt(4), step, now);
            }
            // grants
            for (RequestClass c : RequestClass.values()) {
                long t = now;
                budget.grantDue(c, now, r -> {
                    if (sendDelay == 0) {
                        counted.get(c).add(t);
                    } else {
                        sending.add(new OnItsWay(c, t, t + random.nextLong(sendDelay + 1)));
                    }
                });
            }
            List<Reservation> write = budget.pendingWrite(now);
            if (write != null) {
                ledger.inFlight = write;
                ledger.doneAt = now + random.nextInt(random.nextBoolean() ? 5 : 300);
            }
        }
        return new Counted(counted, crashes);
    }

    /** Brute force: the window starting at each counted time holds at most the limit. */
    private static void assertNoWindowOverTheLimit(Counted run, Map<RequestClass, RateLimit> limits,
                                                   LedgerPolicy policy) {
        assertThat(run.crashes()).isPositive();
        for (RequestClass c : RequestClass.values()) {
            List<Long> times = new ArrayList<>(run.times().get(c));
            times.sort(Long::compare);
            int limit = limits.get(c).requests();
            long window = limits.get(c).window().toMillis();
            assertThat(times).as("%s requests counted at all", c).hasSizeGreaterThan(limit);
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (j < times.size() && times.get(j) < times.get(i) + window) {
                    j++;
                }
                if (j - i > limit) {
                    throw new AssertionError(c + ": " + (j - i) + " in [" + times.get(i) + ", "
                            + (times.get(i) + window) + ") with limit " + limit + ", " + policy + ", "
                            + run.crashes() + " crashes");
                }
            }
        }
    }

    private static SubscriptionBudget<Integer> start(Map<RequestClass, RateLimit> limits, LedgerPolicy policy,
                                                     SimLedger ledger, long now) {
        SubscriptionBudget<Integer> budget = new SubscriptionBudget<>(limits.get(RequestClass.WRITE),
                limits.get(RequestClass.READ), limits.get(RequestClass.DELETE), policy);
        budget.loaded(ledger.stored, now);
        return budget;
    }

    @Test
    void aRestartRightAfterSpendingEverythingWaitsForTheWindow() {
        RateLimit limit = new RateLimit(10, Duration.ofSeconds(60));
        LedgerPolicy policy = new LedgerPolicy(50, 1_000, 0);
        InMemorySpentLedger ledger = new InMemorySpentLedger();
        SubscriptionBudget<String> first = new SubscriptionBudget<>(limit, limit, limit, policy);
        first.loaded(List.of(), 0);
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.enqueue(RequestClass.WRITE, Priority.USER, "k", "w" + i, 0);
        }
        // no grant without a stored reservation
        assertThat(first.grantDue(RequestClass.WRITE, 0, granted::add)).isEqualTo(SubscriptionBudget.WAIT_FOR_LEDGER);
        assertThat(granted).isEmpty();
        List<Reservation> write = first.pendingWrite(0);
        assertThat(write).containsExactly(new Reservation(RequestClass.WRITE, 0, 1_000, 5));
        assertThat(first.pendingWrite(0)).as("one write at a time").isNull();
        first.stored(ledger.store("s", write).toCompletableFuture().join(), 10);
        first.grantDue(RequestClass.WRITE, 10, granted::add);
        assertThat(granted).hasSize(5);
        write = first.pendingWrite(10);
        // the used-up reservation is compacted to what it really covered
        assertThat(write).containsExactly(new Reservation(RequestClass.WRITE, 0, 10, 5),
                new Reservation(RequestClass.WRITE, 10, 1_010, 5));
        first.stored(ledger.store("s", write).toCompletableFuture().join(), 20);
        first.grantDue(RequestClass.WRITE, 20, granted::add);
        assertThat(granted).hasSize(10);

        // kill -9 at t=30, restart at once: the second reservation's grants count as spent at the restart time
        SubscriptionBudget<String> second = new SubscriptionBudget<>(limit, limit, limit, policy);
        second.loaded(ledger.load("s").toCompletableFuture().join(), 30);
        assertThat(second.remaining(RequestClass.WRITE, 30)).isZero();
        second.enqueue(RequestClass.WRITE, Priority.USER, "k", "again", 30);
        assertThat(second.grantDue(RequestClass.WRITE, 30, granted::add)).as("one window (and its guard) after 10")
                .isEqualTo(60_010 + ClassBudget.guard(Duration.ofMinutes(1)).toMillis());
        // the other classes are untouched
        assertThat(second.remaining(RequestClass.READ, 30)).isEqualTo(10);
    }

    @Test
    void aRecordFromAnotherWriterCountsAsSpent() {
        RateLimit limit = new RateLimit(4, Duration.ofSeconds(10));
        SubscriptionBudget<String> budget = new SubscriptionBudget<>(limit, limit, limit,
                new LedgerPolicy(25, 1_000, 0));
        budget.loaded(List.of(), 0);
        budget.enqueue(RequestClass.READ, Priority.USER, "k", "r", 0);
        budget.grantDue(RequestClass.READ, 0, r -> { });
        List<Reservation> write = budget.pendingWrite(0);
        List<Reservation> merged = new ArrayList<>(write);
        merged.add(new Reservation(RequestClass.READ, 0, 100, 3));
        budget.stored(merged, 200);
        // 3 foreign + the one reserved for us: our one grant goes, then the window is full
        List<String> granted = new ArrayList<>();
        assertThat(budget.grantDue(RequestClass.READ, 200, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("r");
        assertThat(budget.remaining(RequestClass.READ, 200)).isZero();
    }
}
