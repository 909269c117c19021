package io.azureoperator.reconcile;

import io.vertx.core.Future;

/** What a run tells its kind's queue while it runs, and asks of it. */
public interface RunHooks {
    /**
     * The run hands its PUT to ARM: the CPU-bound part of its way to Azure is over, so it no longer keeps finished
     * runs from writing their status ({@link FinishQueue}).
     */
    void sendingPut();

    /**
     * The run's PUT was answered: completes when it may write its status and Event, at once unless changes are still
     * on their way to their PUT ({@link FinishQueue}).
     */
    Future<Void> finishTurn();

    /** A write of the run produced this version of its resource: its watch event is no reason to run again. */
    void wrote(String resourceVersion);
}
