package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

/**
 * One long-running operation. It reports {@code InProgress} for its first {@code pollsBeforeDone} polls (while the
 * emulator is not holding operations) and then finishes with its planned outcome, running the matching callback once.
 * As in Azure, it also finishes with time when nobody polls it (a client that lost the operation URL reads the
 * resource instead): once {@code finishBy} has passed, the next look at it or at its resource finishes it.
 */
final class LongRunningOperation {

    enum Status { InProgress, Succeeded, Failed, Canceled }

    /** Planned end of an operation: Succeeded, or Failed/Canceled with an ARM error. */
    record Outcome(Status status, String code, String message) {
        static final Outcome SUCCESS = new Outcome(Status.Succeeded, null, null);
    }

    private final String id;
    private final String subscription;
    private final ArmId target;
    private final boolean delete;
    private final int pollsBeforeDone;
    private final Outcome outcome;
    private final Runnable onSucceeded;
    private final Runnable onFailed;
    private final long finishBy;
    private int polls;
    private Status status = Status.InProgress;

    LongRunningOperation(String id, String subscription, ArmId target, boolean delete, int pollsBeforeDone,
                         long finishBy, Outcome outcome, Runnable onSucceeded, Runnable onFailed) {
        this.finishBy = finishBy;
        this.id = id;
        this.subscription = subscription;
        this.target = target;
        this.delete = delete;
        this.pollsBeforeDone = pollsBeforeDone;
        this.outcome = outcome;
        this.onSucceeded = onSucceeded;
        this.onFailed = onFailed;
    }

    String id() {
        return id;
    }

    String subscription() {
        return subscription;
    }

    ArmId target() {
        return target;
    }

    boolean isDelete() {
        return delete;
    }

    synchronized Status status() {
        return status;
    }

    /** Counts one poll (unless held) and finishes the operation when its polls or its time are used up. */
    synchronized Status poll(boolean held, long now) {
        if (status != Status.InProgress || held) {
            return status;
        }
        polls++;
        if (polls > pollsBeforeDone || now >= finishBy) {
            finish();
        }
        return status;
    }

    /** Its resource is being read: an operation past its time (and not held) finishes now. */
    synchronized void observe(boolean held, long now) {
        if (status == Status.InProgress && !held && now >= finishBy) {
            finish();
        }
    }

    private void finish() {
        status = outcome.status();
        if (status == Status.Succeeded) {
            onSucceeded.run();
        } else {
            onFailed.run();
        }
    }

    /** The {@code error} object of a failed or canceled operation, or null. */
    synchronized JsonObject error() {
        if (status == Status.Failed || status == Status.Canceled) {
            return new JsonObject().put("code", outcome.code()).put("message", outcome.message());
        }
        return null;
    }
}
