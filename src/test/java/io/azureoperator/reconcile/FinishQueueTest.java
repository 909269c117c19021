package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinishQueueTest {

    @Test
    void heldRunsGoInOrderOnceNoChangeWaits() {
        FinishQueue q = new FinishQueue();
        List<String> released = new ArrayList<>();
        q.hold(() -> released.add("a"), 0);
        q.hold(() -> released.add("b"), 10);
        assertThat(q.release(true, 100)).isZero();
        assertThat(released).isEmpty();
        assertThat(q.release(false, 100)).isEqualTo(2);
        assertThat(released).containsExactly("a", "b");
        assertThat(q.nextDeadline()).isEqualTo(-1);
    }

    @Test
    void aSteadyStreamOfChangesHoldsARunAtMostMaxHold() {
        FinishQueue q = new FinishQueue();
        List<String> released = new ArrayList<>();
        long hold = FinishQueue.MAX_HOLD.toMillis();
        q.hold(() -> released.add("a"), 0);
        q.hold(() -> released.add("b"), 500);
        assertThat(q.nextDeadline()).isEqualTo(hold);
        assertThat(q.release(true, hold - 1)).isZero();
        assertThat(q.release(true, hold)).isEqualTo(1);
        assertThat(released).containsExactly("a");
        assertThat(q.nextDeadline()).isEqualTo(500 + hold);
        assertThat(q.size()).isEqualTo(1);
    }
}
