package io.azureoperator.reconcile;

import io.vertx.core.Future;

/** What a run tells its kind's queue while it runs, and asks of it. */
public interface RunHooks {
    /** For a run with no queue around it: it finishes at once, and its writes matter to nobody. */
    RunHooks NONE = new RunHooks() {
        @Override
        public Future<Void> finishTurn() {
            return Future.succeededFuture();
        }

        @Override
        public void wrote(String resourceVersion) {
        }
    };

    /** The run has sent its PUT: completes when it may write its status and Event ({@link FinishQueue}). */
    Future<Void> finishTurn();

    /** A write of the run produced this version of its resource: that version's watch event is no reason to run again. */
    void wrote(String resourceVersion);
}
