package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static List<String> keys(List<WorkQueue.Start> starts) {
        return starts.stream().map(WorkQueue.Start::key).toList();
    }

    @Test
    void aResourceRunsOnceAtATimeAndEventsDuringARunCoalesceIntoOneRerun() {
        WorkQueue q = new WorkQueue(4);
        q.offer("a", Trigger.CHANGE);
        assertThat(keys(q.startable())).containsExactly("a");
        q.offer("a", Trigger.CHANGE);
        q.offer("a", Trigger.CHANGE);
        assertThat(q.startable()).as("a is running").isEmpty();
        assertThat(q.finished("a")).as("dirty: run again").isTrue();
        q.offer("a", Trigger.CHANGE);
        assertThat(keys(q.startable())).containsExactly("a");
        assertThat(q.finished("a")).as("nothing arrived during the second run").isFalse();
        assertThat(q.depth()).isZero();
    }

    @Test
    void changesStartBeforeSyncsQueuedEarlier() {
        WorkQueue q = new WorkQueue(1);
        q.offer("s1", Trigger.PERIODIC_SYNC);
        q.offer("s2", Trigger.PERIODIC_SYNC);
        q.offer("c", Trigger.CHANGE);
        assertThat(q.startable()).containsExactly(new WorkQueue.Start("c", Trigger.CHANGE));
        q.finished("c");
        assertThat(q.startable()).containsExactly(new WorkQueue.Start("s1", Trigger.PERIODIC_SYNC));
    }

    @Test
    void syncsHoldAtMostHalfTheSlotsSoAChangeAlwaysFindsOne() {
        WorkQueue q = new WorkQueue(4);
        for (int i = 0; i < 1000; i++) {
            q.offer("sync-" + i, Trigger.PERIODIC_SYNC);
        }
        assertThat(q.startable()).hasSize(2).allMatch(s -> s.trigger() == Trigger.PERIODIC_SYNC);
        q.offer("user", Trigger.CHANGE);
        assertThat(q.startable()).containsExactly(new WorkQueue.Start("user", Trigger.CHANGE));
        q.finished("sync-0");
        assertThat(keys(q.startable())).containsExactly("sync-2");
        assertThat(q.depth()).isEqualTo(1000 + 1 - 1);
    }

    @Test
    void aChangeSupersedesAQueuedSyncOfTheSameResourceButNotTheOtherWayRound() {
        WorkQueue q = new WorkQueue(2);
        q.offer("a", Trigger.PERIODIC_SYNC);
        q.offer("a", Trigger.CHANGE);
        q.offer("b", Trigger.CHANGE);
        q.offer("b", Trigger.PERIODIC_SYNC);
        assertThat(q.startable()).containsExactly(new WorkQueue.Start("a", Trigger.CHANGE),
                new WorkQueue.Start("b", Trigger.CHANGE));
        assertThat(q.depth()).isEqualTo(2);
    }

    @Test
    void oneSlotStillLetsSyncsRun() {
        WorkQueue q = new WorkQueue(1);
        q.offer("s", Trigger.PERIODIC_SYNC);
        assertThat(keys(q.startable())).containsExactly("s");
        assertThatThrownBy(() -> new WorkQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunThatYieldsItsSlotStaysRunningButLetsTheNextChangeStart() {
        WorkQueue q = new WorkQueue(1);
        q.offer("a", Trigger.CHANGE);
        q.offer("b", Trigger.CHANGE);
        assertThat(keys(q.startable())).containsExactly("a");
        q.yieldSlot("a");
        assertThat(keys(q.startable())).containsExactly("b");
        q.offer("a", Trigger.CHANGE);
        assertThat(q.startable()).as("a still runs: its event makes it dirty").isEmpty();
        assertThat(q.finished("a")).isTrue();
        assertThat(q.depth()).isEqualTo(1);
    }

    @Test
    void changesAreAheadUntilTheyAllHandedTheirPutToArmOrEnded() {
        WorkQueue q = new WorkQueue(1);
        assertThat(q.changesAhead()).isFalse();
        q.offer("a", Trigger.CHANGE);
        q.offer("b", Trigger.CHANGE);
        q.offer("c", Trigger.CHANGE);
        assertThat(keys(q.startable())).containsExactly("a");
        q.sent("a");
        assertThat(q.changesAhead()).as("b and c wait for a slot").isTrue();
        q.yieldSlot("a");
        assertThat(keys(q.startable())).containsExactly("b");
        q.finished("a");
        q.yieldSlot("b"); // a yielded run has had its PUT answered
        assertThat(keys(q.startable())).containsExactly("c");
        assertThat(q.changesAhead()).as("c started, its PUT not sent yet").isTrue();
        q.sent("c");
        assertThat(q.changesAhead()).isFalse();
        q.offer("d", Trigger.CHANGE);
        assertThat(q.changesAhead()).isTrue();
        q.finished("b");
        q.finished("c");
        assertThat(keys(q.startable())).containsExactly("d");
        assertThat(q.finished("d")).isFalse();
        assertThat(q.changesAhead()).as("d ended without a PUT").isFalse();
    }

    @Test
    void periodicSyncsAreNeverAhead() {
        WorkQueue q = new WorkQueue(4);
        q.offer("s", Trigger.PERIODIC_SYNC);
        assertThat(q.changesAhead()).isFalse();
        assertThat(keys(q.startable())).containsExactly("s");
        assertThat(q.changesAhead()).isFalse();
    }

    @Test
    void aYieldedSyncNoLongerCountsAgainstTheSyncShare() {
        WorkQueue q = new WorkQueue(2);
        q.offer("s1", Trigger.PERIODIC_SYNC);
        q.offer("s2", Trigger.PERIODIC_SYNC);
        assertThat(keys(q.startable())).containsExactly("s1");
        q.yieldSlot("s1");
        q.yieldSlot("s1"); // twice: counted once
        assertThat(keys(q.startable())).containsExactly("s2");
        q.finished("s1");
        q.finished("s2");
        q.offer("s3", Trigger.PERIODIC_SYNC);
        assertThat(keys(q.startable())).containsExactly("s3");
    }

    @Test
    void aRunIsNotRepeatedForTheVersionsItWroteItselfWhateverCameFirst() {
        WorkQueue q = new WorkQueue(2);
        q.offer("a", Trigger.CHANGE, "1");
        assertThat(keys(q.startable())).containsExactly("a");
        q.offer("a", Trigger.CHANGE, "2"); // the claim's event, before the claim's answer
        q.wrote("a", "2");
        q.wrote("a", "3");
        q.offer("a", Trigger.CHANGE, "3"); // the status write's event, after its answer
        assertThat(q.finished("a")).isFalse();

        q.offer("a", Trigger.CHANGE, "3");
        assertThat(keys(q.startable())).containsExactly("a");
        q.wrote("a", "4");
        q.offer("a", Trigger.CHANGE, "5"); // someone else's edit
        assertThat(q.finished("a")).isTrue();

        q.offer("a", Trigger.CHANGE);
        assertThat(keys(q.startable())).containsExactly("a");
        q.wrote("a", "6");
        q.offer("a", Trigger.CHANGE); // a visit for another reason (a dependency, a timer)
        assertThat(q.finished("a")).isTrue();
    }
}
