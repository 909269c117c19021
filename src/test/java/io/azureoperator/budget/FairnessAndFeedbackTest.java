package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FairnessAndFeedbackTest {
    private static final RateLimit TEN_PER_10S = new RateLimit(10, Duration.ofSeconds(10));
    private final List<String> granted = new ArrayList<>();

    private static SubscriptionBudget<String> budget() {
        return new SubscriptionBudget<>(TEN_PER_10S, TEN_PER_10S, TEN_PER_10S);
    }

    @Test
    void aKeyWithAHugeQueueDoesNotStarveTheOthers() {
        SubscriptionBudget<String> b = budget();
        for (int i = 0; i < 1_000; i++) {
            b.enqueue(RequestClass.WRITE, Priority.SYNC, "VirtualNetwork/big", "big-" + i, 0);
        }
        b.enqueue(RequestClass.WRITE, Priority.SYNC, "ResourceGroup/small", "small-0", 1);
        b.enqueue(RequestClass.WRITE, Priority.SYNC, "StorageAccount/other", "other-0", 2);
        b.enqueue(RequestClass.WRITE, Priority.SYNC, "ResourceGroup/small", "small-1", 3);

        b.grantDue(RequestClass.WRITE, 10, granted::add);
        // round-robin: the latecomers are served within the first window, not after 1000 big ones
        assertThat(granted).hasSize(10).contains("small-0", "other-0", "small-1");
        assertThat(granted.subList(0, 4)).containsExactly("big-0", "small-0", "other-0", "big-1");
    }

    /** Random arrivals from many keys, one of them flooding: every key's wait stays bounded by the key count. */
    @Test
    void starvationFreedomUnderRandomLoad() {
        SubscriptionBudget<String> b = budget();
        Random random = new Random(7);
        Map<String, Long> enqueuedAt = new HashMap<>();
        Map<String, Integer> grantsSinceEnqueue = new HashMap<>();
        int seq = 0;
        int maxOvertakes = 0;
        for (long now = 0; now < 600_000; now += 250) {
            String flood = "Kind/flood";
            for (int i = 0; i < 5; i++) {
                String id = flood + "#" + seq++;
                b.enqueue(RequestClass.READ, Priority.SYNC, flood, id, now);
                enqueuedAt.put(id, now);
            }
            if (random.nextInt(20) == 0) {
                String key = "Kind/ns" + random.nextInt(5);
                String id = key + "#" + seq++;
                b.enqueue(RequestClass.READ, Priority.SYNC, key, id, now);
                enqueuedAt.put(id, now);
                grantsSinceEnqueue.put(id, 0);
            }
            List<String> now_granted = new ArrayList<>();
            b.grantDue(RequestClass.READ, now, now_granted::add);
            for (String g : now_granted) {
                grantsSinceEnqueue.replaceAll((k, v) -> v + 1);
                Integer overtakes = grantsSinceEnqueue.remove(g);
                if (overtakes != null) {
                    maxOvertakes = Math.max(maxOvertakes, overtakes);
                }
            }
        }
        // a non-flood request is granted within (number of keys) grants of... at most 6 keys, a few queued per key
        assertThat(maxOvertakes).isLessThanOrEqualTo(6 * 3);
        assertThat(grantsSinceEnqueue.values()).allMatch(v -> v <= 6 * 3);
    }

    @Test
    void userGoesFirstButSyncStillGetsOneGrantInTen() {
        SubscriptionBudget<String> b = new SubscriptionBudget<>(new RateLimit(100, Duration.ofSeconds(10)),
                TEN_PER_10S, TEN_PER_10S);
        for (int i = 0; i < 50; i++) {
            b.enqueue(RequestClass.WRITE, Priority.USER, "k", "u" + i, 0);
        }
        b.enqueue(RequestClass.WRITE, Priority.SYNC, "k", "s0", 0);
        b.enqueue(RequestClass.WRITE, Priority.SYNC, "k", "s1", 0);
        b.grantDue(RequestClass.WRITE, 0, granted::add);
        assertThat(granted.indexOf("s0")).isEqualTo(ClassBudget.USER_RUN);
        assertThat(granted.indexOf("s1")).isEqualTo(2 * ClassBudget.USER_RUN + 1);
    }

    @Test
    void lowArmRemainingSpacesGrantsOut() {
        SubscriptionBudget<String> b = new SubscriptionBudget<>(new RateLimit(1200, Duration.ofHours(1)),
                TEN_PER_10S, TEN_PER_10S);
        for (int i = 0; i < 5; i++) {
            b.enqueue(RequestClass.WRITE, Priority.USER, "k", "w" + i, 0);
        }
        // plenty left at ARM (>= 10% of 1200): no spacing
        b.observed(RequestClass.WRITE, 500);
        assertThat(b.grantDue(RequestClass.WRITE, 0, granted::add)).isEqualTo(-1);
        assertThat(granted).hasSize(5);

        // 60 left (< 120): no more bursts, one grant per refill of the budget's average rate (1h / 1200 = 3 s)
        b.observed(RequestClass.WRITE, 60);
        b.enqueue(RequestClass.WRITE, Priority.USER, "k", "a", 0);
        b.enqueue(RequestClass.WRITE, Priority.USER, "k", "b", 0);
        assertThat(b.grantDue(RequestClass.WRITE, 1_000, granted::add)).isEqualTo(3_000);
        assertThat(b.grantDue(RequestClass.WRITE, 3_000, granted::add)).isEqualTo(6_000);
        assertThat(granted).endsWith("a");
        BudgetStats stats = b.stats("s", 3_000).get(0);
        assertThat(stats.paceIntervalMillis()).isEqualTo(3_000);
        assertThat(stats.armRemaining()).isEqualTo(60);

        // nothing left at ARM: twice as slow
        b.observed(RequestClass.WRITE, 0);
        assertThat(b.stats("s", 3_000).get(0).paceIntervalMillis()).isEqualTo(6_000);

        // ARM refilled: spacing ends at once
        b.observed(RequestClass.WRITE, 1_000);
        assertThat(b.grantDue(RequestClass.WRITE, 3_001, granted::add)).isEqualTo(-1);
        assertThat(granted).endsWith("a", "b");
    }

    @Test
    void stats() {
        SubscriptionBudget<String> b = budget();
        for (int i = 0; i < 30; i++) {
            b.enqueue(RequestClass.WRITE, Priority.SYNC, "k" + (i % 3), "s" + i, 0);
        }
        b.enqueue(RequestClass.WRITE, Priority.USER, "k", "u", 0);
        b.grantDue(RequestClass.WRITE, 0, granted::add);
        b.pause(RequestClass.WRITE, 20_000);

        BudgetStats w = b.stats("sub", 5_000).stream().filter(s -> s.requestClass() == RequestClass.WRITE)
                .findFirst().orElseThrow();
        assertThat(w.tokensLeft()).isZero();
        assertThat(w.waiting()).isEqualTo(21);
        assertThat(w.waitingSync()).isEqualTo(21);
        assertThat(w.granted()).isEqualTo(10);
        assertThat(w.throttled()).isEqualTo(1);
        assertThat(w.oldestSyncWaitMillis()).isEqualTo(5_000);
        assertThat(w.pausedForMillis()).isEqualTo(15_000);
    }

    @Test
    void theBottleneckIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        SyncStretch stretch = new SyncStretch();
        Duration p = Duration.ofMinutes(15);
        assertThat(stretch.update("s", p, p)).isEmpty();
        assertThat(stretch.update("s", p, Duration.ofMinutes(40))).get().asString()
                .contains("bottleneck").contains("40m").contains("15m");
        assertThat(stretch.update("s", p, Duration.ofMinutes(45))).isEmpty();
        assertThat(stretch.update("s", p, Duration.ofMinutes(16))).isEmpty();
        assertThat(stretch.update("s", p, p)).get().asString().contains("keeps up again");
        assertThat(stretch.update("s", p, p)).isEmpty();
    }

    @Test
    void aShortStretchIsRoundedUpSoTheLineNeverSaysTheSamePeriodTwice() {
        assertThat(new SyncStretch().update("s", Duration.ofSeconds(9), Duration.ofMillis(9_950))).get().asString()
                .contains("about every 10s instead of every 9s");
    }

    @Test
    void ourWindowIsLongerThanArmsByOnePercentAtMostTwoSeconds() {
        assertThat(ClassBudget.guard(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ClassBudget.guard(Duration.ofSeconds(36))).isEqualTo(Duration.ofMillis(360));
    }
}
