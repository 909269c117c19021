package io.azureoperator.reconcile;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Runs whose PUT was answered and that hold back their last writes (status, Event) while changes of their kind are
 * still on their way to their PUT (waiting for a slot, or started and not yet handed to ARM). The operator is
 * CPU-bound during a burst of applies: held this way, every new resource reaches its PUT before finished ones spend
 * CPU on their status. A run is held at most {@link #MAX_HOLD}, so a steady stream of changes cannot keep a status
 * from being written. Plain Java; used from one verticle's context.
 */
final class FinishQueue {
    static final Duration MAX_HOLD = Duration.ofSeconds(2);

    private record Held(long since, Runnable release) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    void hold(Runnable release, long now) {
        held.add(new Held(now, release));
    }

    /** Lets held runs go: all of them when no change is ahead, else those held for {@link #MAX_HOLD}. */
    int release(boolean changesAhead, long now) {
        int released = 0;
        while (!held.isEmpty() && (!changesAhead || held.peek().since() + MAX_HOLD.toMillis() <= now)) {
            held.poll().release().run();
            released++;
        }
        return released;
    }

    /** When the longest-held run must go; -1 when none is held. */
    long nextDeadline() {
        return held.isEmpty() ? -1 : held.peek().since() + MAX_HOLD.toMillis();
    }

    int size() {
        return held.size();
    }
}
