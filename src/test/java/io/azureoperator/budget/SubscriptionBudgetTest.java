package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionBudgetTest {
    private final SubscriptionBudget<String> budget = new SubscriptionBudget<>(
            new RateLimit(2, Duration.ofSeconds(10)),   // writes
            new RateLimit(3, Duration.ofSeconds(10)),   // reads
            new RateLimit(1, Duration.ofSeconds(10)));  // deletes
    private final List<String> granted = new ArrayList<>();
    /** The 10 s windows as the budget keeps them: a little longer than ARM's (see ClassBudget.guard). */
    private static final long W = 10_000 + ClassBudget.guard(Duration.ofSeconds(10)).toMillis();

    @Test
    void userPriorityIsGrantedBeforeSync() {
        budget.enqueue(RequestClass.WRITE, Priority.SYNC, "sync-1");
        budget.enqueue(RequestClass.WRITE, Priority.SYNC, "sync-2");
        budget.enqueue(RequestClass.WRITE, Priority.USER, "user-1");

        long next = budget.grantDue(RequestClass.WRITE, 0, granted::add);

        assertThat(granted).containsExactly("user-1", "sync-1");
        assertThat(next).isEqualTo(W);
        assertThat(budget.waitingCount()).isEqualTo(1);
        assertThat(budget.remaining(RequestClass.WRITE, 0)).isZero();

        // a later USER request overtakes the waiting SYNC one, and nothing goes before the window frees up
        budget.enqueue(RequestClass.WRITE, Priority.USER, "user-2");
        budget.enqueue(RequestClass.WRITE, Priority.USER, "user-3");
        assertThat(budget.grantDue(RequestClass.WRITE, W - 1, granted::add)).isEqualTo(W);
        assertThat(budget.grantDue(RequestClass.WRITE, W, granted::add)).isEqualTo(2 * W);
        assertThat(granted).containsExactly("user-1", "sync-1", "user-2", "user-3");
        assertThat(budget.grantDue(RequestClass.WRITE, 2 * W, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("user-1", "sync-1", "user-2", "user-3", "sync-2");
        assertThat(budget.waitingCount()).isZero();
    }

    @Test
    void grantDueReturnsMinusOneWhenNothingWaits() {
        budget.enqueue(RequestClass.READ, Priority.USER, "r1");
        assertThat(budget.grantDue(RequestClass.READ, 5, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("r1");
        assertThat(budget.grantDue(RequestClass.DELETE, 5, granted::add)).isEqualTo(-1);
    }

    @Test
    void classesHaveSeparateBudgets() {
        budget.enqueue(RequestClass.DELETE, Priority.USER, "d1");
        budget.enqueue(RequestClass.DELETE, Priority.USER, "d2");
        budget.enqueue(RequestClass.READ, Priority.USER, "r1");
        assertThat(budget.grantDue(RequestClass.DELETE, 0, granted::add)).isEqualTo(W);
        assertThat(budget.grantDue(RequestClass.READ, 0, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("d1", "r1");
        assertThat(budget.remaining(RequestClass.WRITE, 0)).isEqualTo(2);
        assertThat(budget.remaining(RequestClass.READ, 0)).isEqualTo(2);
    }

    @Test
    void pauseHoldsOnlyThatClassUntilItEnds() {
        budget.pause(RequestClass.WRITE, 5_000);
        budget.enqueue(RequestClass.WRITE, Priority.USER, "w1");
        budget.enqueue(RequestClass.READ, Priority.USER, "r1");

        assertThat(budget.grantDue(RequestClass.WRITE, 1_000, granted::add)).isEqualTo(5_000);
        assertThat(budget.grantDue(RequestClass.READ, 1_000, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("r1");

        assertThat(budget.grantDue(RequestClass.WRITE, 4_999, granted::add)).isEqualTo(5_000);
        assertThat(budget.grantDue(RequestClass.WRITE, 5_000, granted::add)).isEqualTo(-1);
        assertThat(granted).containsExactly("r1", "w1");
    }

    @Test
    void pauseNeverShortensAnEarlierLongerPause() {
        budget.pause(RequestClass.READ, 9_000);
        budget.pause(RequestClass.READ, 2_000);
        budget.enqueue(RequestClass.READ, Priority.SYNC, "r");
        assertThat(budget.grantDue(RequestClass.READ, 3_000, granted::add)).isEqualTo(9_000);
        assertThat(granted).isEmpty();
    }

    @Test
    void nextTimeIsTheLaterOfWindowAndPause() {
        budget.enqueue(RequestClass.DELETE, Priority.USER, "d1");
        budget.enqueue(RequestClass.DELETE, Priority.USER, "d2");
        budget.grantDue(RequestClass.DELETE, 0, granted::add);
        budget.pause(RequestClass.DELETE, 20_000);
        assertThat(budget.grantDue(RequestClass.DELETE, 10_000, granted::add)).isEqualTo(20_000);
        budget.pause(RequestClass.DELETE, 1);
        assertThat(granted).containsExactly("d1");
    }

    /**
     * Saturated, with answers moving grants to random later times (up to 3 s), slots free up one at a time: a
     * reservation sized to what was free then covered one grant, so the ledger was written about once per grant
     * (928 writes in a window of 1,000 grants). A reservation covers a chunk: at most one write per lease (1 s).
     */
    @Test
    void aSaturatedBudgetWritesItsLedgerAboutOncePerLeaseNotOncePerGrant() {
        RateLimit limit = new RateLimit(1_000, Duration.ofSeconds(100)); // chunk 50, lease 1 s
        SubscriptionBudget<Long> b = new SubscriptionBudget<>(limit, limit, limit, LedgerPolicy.DEFAULT);
        b.loaded(List.of(), 0);
        java.util.Random random = new java.util.Random(7);
        java.util.PriorityQueue<long[]> answers = new java.util.PriorityQueue<>((x, y) -> Long.compare(x[1], y[1]));
        int writes = 0;
        int grants = 0;
        for (long now = 0; now < 600_000; now += 1) {
            while (b.waitingCount() < 20) {
                b.enqueue(RequestClass.WRITE, Priority.USER, "k", now, now);
            }
            while (!answers.isEmpty() && answers.peek()[1] <= now) {
                b.answered(RequestClass.WRITE, answers.poll()[0], now);
            }
            long t = now;
            int[] n = {0};
            b.grantDue(RequestClass.WRITE, now, r -> {
                answers.add(new long[] {t, t + 1 + random.nextInt(3_000)});
                n[0]++;
            });
            List<Reservation> write = b.pendingWrite(now);
            if (write != null) {
                b.stored(write, now);
            }
            if (now >= 500_000) {
                grants += n[0];
                writes += write == null ? 0 : 1;
            }
        }
        assertThat(grants).as("saturated: about the limit per window").isGreaterThan(900);
        assertThat(writes).as("ledger writes in the last window").isLessThan(150);
    }
}
