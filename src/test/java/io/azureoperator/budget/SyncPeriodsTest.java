package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class SyncPeriodsTest {
    private static final String SUB = "sub";
    private static final long P = 9_000;
    private final SyncPeriods periods = new SyncPeriods(Optional.of(Duration.ofMillis(P)));

    /**
     * 300 resources due every 9 s, but syncs end only one per 300 ms (the work queue's sync slots, the budget): a
     * whole round takes 90 s, and that is what is measured, though each sync, once started, is quick.
     */
    @Test
    void aBacklogInTheQueuesShowsAsTheRealRoundTime() {
        int n = 300;
        long servicePerSync = 300;
        record Slot(long at, int resource) {
        }
        PriorityQueue<Slot> slots = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
        long[] since = new long[n];
        long[] dueAt = new long[n];
        for (int i = 0; i < n; i++) {
            slots.add(new Slot(P * i / n, i)); // phases spread over the period
            since[i] = P * i / n - P;
        }
        Deque<Integer> queue = new ArrayDeque<>();
        long nextEnd = 0;
        for (long now = 0; now <= 600_000; now += 10) {
            while (!slots.isEmpty() && slots.peek().at() <= now) {
                Slot s = slots.poll();
                dueAt[s.resource()] = s.at();
                periods.due("ResourceGroup:ns/r" + s.resource(), SUB, since[s.resource()], s.at());
                queue.add(s.resource());
            }
            if (!queue.isEmpty() && now >= nextEnd) {
                int r = queue.poll();
                periods.ended("ResourceGroup:ns/r" + r, now);
                since[r] = now;
                long phase = Math.floorMod(dueAt[r], P);
                slots.add(new Slot(phase + (Math.floorDiv(now - phase, P) + 1) * P, r));
                nextEnd = now + servicePerSync;
            }
        }
        periods.refresh(600_000);
        assertThat(periods.effective(SUB)).hasValueSatisfying(d ->
                assertThat(d.toMillis()).isBetween(85_000L, 100_000L));
    }

    @Test
    void syncsOnTimeShowTheConfiguredPeriod() {
        for (int i = 0; i < 50; i++) {
            long due = 100_000 + i * 100L;
            periods.due("k" + i, SUB, due - P - 20, due); // last synced a little after its previous slot
            periods.ended("k" + i, due + 30);
        }
        periods.refresh(106_000);
        assertThat(periods.effective(SUB)).hasValueSatisfying(d ->
                assertThat(d.toMillis()).isBetween(P, P + 100));
    }

    @Test
    void oneSubscriptionHowEverItsArmIdsSpellIt() {
        periods.due("a", "ABC-1", 100_000 - P - 20, 100_000);
        periods.due("b", "abc-1", 100_000 - P - 20, 100_000);
        periods.ended("a", 100_030);
        periods.refresh(100_100);
        assertThat(periods.effective()).containsOnlyKeys("abc-1");
        assertThat(periods.effective("ABC-1")).isEqualTo(periods.effective("abc-1")).isPresent();
    }

    @Test
    void aSyncTheJitteredScheduleSetMoreThanAPeriodAfterAWriteIsNotLate() {
        long written = 50_000;
        long due = written + P * 11 / 10;
        periods.due("k", SUB, written, due);
        periods.refresh(due + 5);
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(P + 5));
        periods.ended("k", due + 40);
        periods.refresh(due + 50);
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(P + 40));
    }

    @Test
    void afterARestartASyncCountsFromThePreviousSlot() {
        long due = 100_000;
        periods.due("k", SUB, -1, due);
        periods.ended("k", due + 2 * P);
        periods.refresh(due + 2 * P);
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(3 * P));
        assertThat(periods.syncs()).isEqualTo(1);
        periods.ended("k", due + 3 * P);
        assertThat(periods.syncs()).as("a run with no sync due is not a sync").isEqualTo(1);
    }

    @Test
    void syncsThatNeverEndShowAsTheyWait() {
        periods.due("a", SUB, 0, P);
        periods.due("b", "other", P, 2 * P);
        periods.refresh(5 * P);
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(5 * P));
        assertThat(periods.effective("other")).contains(Duration.ofMillis(4 * P));
        periods.forget("a");
        periods.refresh(5 * P);
        assertThat(periods.effective(SUB)).as("nothing due, nothing measured: no value").isEmpty();
    }

    @Test
    void theLastMeanIsKeptWhileNoSyncEnds() {
        periods.due("k", SUB, 0, P);
        periods.ended("k", 3 * P);
        periods.refresh(3 * P);
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(3 * P));
        periods.refresh(3 * P + Duration.ofMinutes(30).toMillis());
        assertThat(periods.effective(SUB)).contains(Duration.ofMillis(3 * P));
    }

    @Test
    void neverMeasuresNothing() {
        SyncPeriods off = new SyncPeriods(Optional.empty());
        off.due("k", SUB, 0, P);
        off.ended("k", 10 * P);
        off.refresh(10 * P);
        assertThat(off.effective()).isEmpty();
    }

    @Test
    void theHorizonIsOnePeriodBetweenOneAndFifteenMinutes() {
        assertThat(SyncPeriods.horizon(Duration.ofSeconds(9))).isEqualTo(Duration.ofMinutes(1));
        assertThat(SyncPeriods.horizon(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(SyncPeriods.horizon(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(15));
    }
}
