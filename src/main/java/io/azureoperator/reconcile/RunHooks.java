package io.azureoperator.reconcile;

import io.vertx.core.Future;

/** What a run tells its kind's queue while it runs, and asks of it. */
public interface RunHooks {
    /** The run has sent its PUT: completes when it may write its status and Event ({@link FinishQueue}). */
    Future<Void> finishTurn();

    /** A write of the run produced this version of its resource: its watch event is no reason to run again. */
    void wrote(String resourceVersion);
}
