package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void grantsUpToLimitThenWaitsForOldestToLeaveTheWindow() {
        SlidingWindow w = new SlidingWindow(3, Duration.ofSeconds(10));
        assertThat(w.nextFreeAt(1_000)).isEqualTo(1_000);
        w.grant(1_000);
        w.grant(2_000);
        w.grant(5_000);
        assertThat(w.remaining(5_000)).isZero();
        assertThat(w.nextFreeAt(5_000)).isEqualTo(11_000);
        assertThatThrownBy(() -> w.grant(10_999)).isInstanceOf(IllegalStateException.class);
        w.grant(11_000);
        assertThat(w.nextFreeAt(11_000)).isEqualTo(12_000);
        assertThat(w.nextFreeAt(20_000)).isEqualTo(20_000);
        assertThat(w.limit()).isEqualTo(3);
    }

    @Test
    void remainingCountsOnlyGrantsInsideTheWindow() {
        SlidingWindow w = new SlidingWindow(5, Duration.ofMillis(100));
        w.grant(0);
        w.grant(50);
        assertThat(w.remaining(50)).isEqualTo(3);
        assertThat(w.remaining(99)).isEqualTo(3);
        assertThat(w.remaining(100)).isEqualTo(4);
        assertThat(w.remaining(150)).isEqualTo(5);
    }

    @Test
    void remainingAfterTheRingWrapped() {
        SlidingWindow w = new SlidingWindow(2, Duration.ofMillis(100));
        w.grant(0);
        w.grant(10);
        w.grant(100);
        assertThat(w.remaining(100)).isEqualTo(0);
        assertThat(w.remaining(110)).isEqualTo(1);
    }

    /**
     * Greedy grants at randomized times: every grant taken at nextFreeAt (or later), then a brute-force check
     * that no half-open window [t, t+W) ever holds more than N grants.
     */
    @RepeatedTest(20)
    void neverMoreThanNInAnyWindow(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        // small limits wrap the ring often; large ones make it grow while in use
        int limit = info.getCurrentRepetition() % 2 == 0 ? 1 + random.nextInt(7) : 200 + random.nextInt(600);
        long window = 1 + random.nextInt(500);
        SlidingWindow w = new SlidingWindow(limit, Duration.ofMillis(window));
        List<Long> granted = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 3 * limit + 400; i++) {
            now += random.nextInt(4) == 0 ? random.nextInt((int) window * 2) : 0;
            long at = w.nextFreeAt(now);
            assertThat(at).isGreaterThanOrEqualTo(now);
            // a request that asks before it is free is refused
            if (at > now) {
                long early = now;
                assertThatThrownBy(() -> w.grant(early)).isInstanceOf(IllegalStateException.class);
                // and it waits only when the last window really is full
                assertThat(granted.stream().filter(t -> t > early - window).count()).isEqualTo(limit);
                // ... and exactly until the oldest of those leaves it
                assertThat(at).isEqualTo(granted.get(granted.size() - limit) + window);
            }
            now = at;
            w.grant(now);
            granted.add(now);
        }
        for (long start : granted) {
            long inWindow = granted.stream().filter(t -> t >= start && t < start + window).count();
            assertThat(inWindow).as("grants in [%d, %d)", start, start + window).isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void anAnsweredGrantCountsFromItsAnswer() {
        SlidingWindow w = new SlidingWindow(2, Duration.ofMillis(100));
        w.grant(0);
        w.grant(0);
        assertThat(w.nextFreeAt(0)).isEqualTo(100);
        w.move(0, 40); // one request was answered 40 ms after its grant: ARM may have counted it at 40
        assertThat(w.nextFreeAt(100)).isEqualTo(100);
        w.grant(100);
        assertThat(w.nextFreeAt(100)).as("the moved grant leaves the window 100 ms after its answer").isEqualTo(140);
        w.move(100, 100); // answered at once: nothing changes
        assertThat(w.nextFreeAt(100)).isEqualTo(140);
    }

    /**
     * Requests reach ARM at a random moment between their grant and their answer, which comes up to a window later
     * (the ARM client's timeout is a minute, ARM's windows an hour); each answer moves its grant. Brute-force check
     * at ARM: no window holds more than N arrivals.
     */
    @RepeatedTest(20)
    void requestsHeldUpOnTheirWayNeverPutMoreThanNInAWindowAtArm(RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition());
        int limit = 1 + random.nextInt(info.getCurrentRepetition() % 2 == 0 ? 5 : 200);
        long window = 10 + random.nextInt(300);
        SlidingWindow w = new SlidingWindow(limit, Duration.ofMillis(window));
        java.util.TreeMap<Long, List<Long>> answers = new java.util.TreeMap<>(); // answer time -> grant times
        List<Long> arrivals = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 4 * limit + 300; i++) {
            now += random.nextInt(3) == 0 ? random.nextInt((int) window) : 0;
            long at = w.nextFreeAt(now);
            // answers due before the grant are moved first, as the budget would have heard them
            while (!answers.isEmpty() && answers.firstKey() <= at) {
                var answered = answers.pollFirstEntry();
                answered.getValue().forEach(g -> w.move(g, answered.getKey()));
                at = w.nextFreeAt(now);
            }
            now = at;
            w.grant(now);
            long answer = now + (random.nextBoolean() ? 0 : random.nextInt((int) window));
            arrivals.add(now + (answer == now ? 0 : random.nextLong(answer - now + 1)));
            answers.computeIfAbsent(answer, k -> new ArrayList<>()).add(now);
        }
        for (long start : arrivals) {
            long inWindow = arrivals.stream().filter(t -> t >= start && t < start + window).count();
            assertThat(inWindow).as("arrivals in [%d, %d)", start, start + window).isLessThanOrEqualTo(limit);
        }
    }

    @Test
    void aHugeLimitCostsOnlyTheGrantsMade() {
        SlidingWindow w = new SlidingWindow(1_000_000_000, Duration.ofHours(1));
        for (int i = 0; i < 5_000; i++) {
            assertThat(w.nextFreeAt(i)).isEqualTo(i);
            w.grant(i);
        }
        assertThat(w.remaining(5_000)).isEqualTo(1_000_000_000 - 5_000);
        assertThat(w.limit()).isEqualTo(1_000_000_000);
    }

    @Test
    void aLargeAbsorbedReservationCountsInFullWithoutAnEntryPerGrant() {
        SlidingWindow huge = new SlidingWindow(1_000_000_000, Duration.ofHours(1));
        huge.absorb(0, 50_000_000);
        assertThat(huge.remaining(1)).isEqualTo(950_000_000);
        assertThat(huge.nextFreeAt(1)).isEqualTo(1);

        SlidingWindow small = new SlidingWindow(3, Duration.ofMillis(100));
        small.absorb(10, 10);
        assertThat(small.remaining(20)).isZero();
        assertThat(small.nextFreeAt(20)).as("all three slots spent at 10").isEqualTo(110);
        small.grant(110);
        assertThat(small.nextFreeAt(111)).as("the run at 10 has left the window").isEqualTo(111);
    }
}
