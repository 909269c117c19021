package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theNextSlotIsWithinOnePeriodAndTheScheduleIsTheSameAfterARestart() {
        String uid = UUID.randomUUID().toString();
        long now = 1_800_000_000_000L;
        long next = SyncSchedule.next(uid, HOUR, now);
        assertThat(next).isGreaterThan(now).isLessThanOrEqualTo(now + HOUR.toMillis());
        assertThat(SyncSchedule.next(uid, HOUR, now + 1234)).as("same slot, computed later").isEqualTo(next);
        assertThat(SyncSchedule.next(uid, HOUR, next)).isEqualTo(next + HOUR.toMillis());
    }

    @Test
    void aFleetSpreadsEvenlyOverThePeriod() {
        long now = 1_800_000_000_000L;
        int buckets = 12;
        int[] counts = new int[buckets];
        int n = 12_000;
        for (int i = 0; i < n; i++) {
            long offset = SyncSchedule.next(UUID.randomUUID().toString(), HOUR, now) - now;
            counts[(int) (offset * buckets / HOUR.toMillis()) % buckets]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(n / buckets * 8 / 10, n / buckets * 12 / 10);
        }
    }
}
