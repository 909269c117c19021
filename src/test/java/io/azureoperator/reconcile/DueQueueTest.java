package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueQueueTest {
    private final DueQueue q = new DueQueue();

    @Test
    void emptyQueue() {
        assertThat(q.nextDueAt()).isEqualTo(-1);
        assertThat(q.pollDue(Long.MAX_VALUE)).isEmpty();
        assertThat(q.size()).isZero();
    }

    @Test
    void pollDueReturnsDueEntriesEarliestFirst() {
        q.schedule("c", 300, Trigger.CHANGE);
        q.schedule("a", 100, Trigger.PERIODIC_SYNC);
        q.schedule("b", 200, Trigger.CHANGE);
        q.schedule("z", 200, Trigger.CHANGE);
        assertThat(q.nextDueAt()).isEqualTo(100);

        assertThat(q.pollDue(200)).extracting(DueQueue.Entry::key).containsExactly("a", "b", "z");
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.nextDueAt()).isEqualTo(300);
        assertThat(q.scheduled("a")).isEmpty();
        assertThat(q.pollDue(299)).isEmpty();
        assertThat(q.pollDue(300)).singleElement().isEqualTo(new DueQueue.Entry(300, "c", Trigger.CHANGE));
    }

    @Test
    void rescheduleReplacesTheEntry() {
        q.schedule("a", 100, Trigger.PERIODIC_SYNC);
        q.schedule("a", 500, Trigger.CHANGE);
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.nextDueAt()).isEqualTo(500);
        assertThat(q.scheduled("a")).contains(new DueQueue.Entry(500, "a", Trigger.CHANGE));
        assertThat(q.pollDue(400)).isEmpty();

        q.schedule("a", 50, Trigger.PERIODIC_SYNC);
        assertThat(q.nextDueAt()).isEqualTo(50);
        assertThat(q.pollDue(1000)).containsExactly(new DueQueue.Entry(50, "a", Trigger.PERIODIC_SYNC));
        assertThat(q.size()).isZero();
    }

    @Test
    void rescheduleAtSameTimeChangesTrigger() {
        q.schedule("a", 100, Trigger.PERIODIC_SYNC);
        q.schedule("a", 100, Trigger.CHANGE);
        assertThat(q.pollDue(100)).containsExactly(new DueQueue.Entry(100, "a", Trigger.CHANGE));
    }

    @Test
    void cancelRemoves() {
        q.schedule("a", 100, Trigger.CHANGE);
        q.schedule("b", 200, Trigger.CHANGE);
        q.cancel("a");
        q.cancel("missing");
        assertThat(q.nextDueAt()).isEqualTo(200);
        assertThat(q.pollDue(1000)).extracting(DueQueue.Entry::key).containsExactly("b");
    }
}
