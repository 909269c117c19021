package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long P = HOUR.toMillis();
    private static final long NOW = 1_800_000_000_000L;
    private final SyncSchedule schedule = new SyncSchedule(HOUR);

    @Test
    void aWriteRecordsTheNextSyncOnePeriodLaterJitteredByUpToTenPercentPerUid() {
        String uid = UUID.randomUUID().toString();
        long next = schedule.afterWrite(uid, NOW);
        assertThat(next).isBetween(NOW + P * 9 / 10, NOW + P * 11 / 10);
        assertThat(schedule.afterWrite(uid, NOW + 5)).as("the same jitter for the same uid").isEqualTo(next + 5);

        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long at = schedule.afterWrite(UUID.randomUUID().toString(), NOW);
            earliest = Math.min(earliest, at);
            latest = Math.max(latest, at);
        }
        assertThat(earliest).as("a burst of writes spreads below the period").isLessThan(NOW + P * 92 / 100);
        assertThat(latest).as("and above it").isGreaterThan(NOW + P * 108 / 100);
    }

    @Test
    void aJustRecordedSyncIsTheNextOneEvenWhenItIsMoreThanAPeriodAhead() {
        String uid = UUID.randomUUID().toString();
        for (long at : new long[] {NOW + 1, NOW + P * 9 / 10, NOW + P, NOW + P * 11 / 10}) {
            assertThat(schedule.next(uid, OptionalLong.of(at), NOW)).isEqualTo(at);
        }
    }

    @Test
    void aSyncThatWroteNothingKeepsTheRecordedPhase() {
        long recorded = NOW - 40; // the sync was due 40 ms ago and just finished
        assertThat(schedule.next("u", OptionalLong.of(recorded), NOW)).isEqualTo(recorded + P);
        // and again one period later, however long the run took within it
        assertThat(schedule.next("u", OptionalLong.of(recorded), recorded + P + 30_000)).isEqualTo(recorded + 2 * P);
    }

    @Test
    void aRestartContinuesAtTheFirstFutureOccurrence() {
        long recorded = NOW - 3 * P - P / 2; // written long before, synced since without writes
        assertThat(schedule.next("u", OptionalLong.of(recorded), NOW)).isEqualTo(recorded + 4 * P);
        long soon = NOW + 1_000;
        assertThat(schedule.next("u", OptionalLong.of(soon), NOW)).as("not due yet: kept").isEqualTo(soon);
    }

    @Test
    void aRecordedSyncFurtherAheadThanAPeriodFollowsItsPhaseWithinTheNewPeriod() {
        // recorded with a 1h period, now the period is 15m: due within the next 15m, on the recorded phase
        SyncSchedule quarter = new SyncSchedule(Duration.ofMinutes(15));
        long recorded = NOW + Duration.ofMinutes(50).toMillis();
        long next = quarter.next("u", OptionalLong.of(recorded), NOW);
        assertThat(next).isEqualTo(NOW + Duration.ofMinutes(5).toMillis());
    }

    @Test
    void withoutARecordedSyncTheUidGivesTheSlotAndARestartFindsTheSameOne() {
        String uid = UUID.randomUUID().toString();
        long next = schedule.next(uid, OptionalLong.empty(), NOW);
        assertThat(next).isGreaterThan(NOW).isLessThanOrEqualTo(NOW + P);
        assertThat(schedule.next(uid, OptionalLong.empty(), NOW + 1234)).as("same slot, computed later")
                .isEqualTo(next);
        assertThat(schedule.next(uid, OptionalLong.empty(), next)).isEqualTo(next + P);
    }

    @Test
    void withoutARecordedSyncAFleetSpreadsEvenlyOverThePeriod() {
        int buckets = 12;
        int[] counts = new int[buckets];
        int n = 12_000;
        for (int i = 0; i < n; i++) {
            long offset = schedule.next(UUID.randomUUID().toString(), OptionalLong.empty(), NOW) - NOW;
            counts[(int) (offset * buckets / P) % buckets]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(n / buckets * 8 / 10, n / buckets * 12 / 10);
        }
    }

    @Test
    void theRecordedTimeIsReadFromTheStatus() {
        long at = NOW + 123;
        assertThat(SyncSchedule.recorded(withStatus(Map.of(SyncSchedule.STATUS_FIELD, SyncSchedule.format(at)))))
                .hasValue(at);
        assertThat(SyncSchedule.format(at)).isEqualTo("2027-01-15T08:00:00.123Z");
        assertThat(SyncSchedule.recorded(withStatus(Map.of(SyncSchedule.STATUS_FIELD, "soon")))).isEmpty();
        assertThat(SyncSchedule.recorded(withStatus(Map.of()))).isEmpty();
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> new SyncSchedule(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static GenericKubernetesResource withStatus(Map<String, Object> status) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withName("r").withNamespace("n")
                .withUid("u").endMetadata().addToAdditionalProperties("status", status).build();
    }
}
