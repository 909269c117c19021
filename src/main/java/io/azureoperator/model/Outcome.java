package io.azureoperator.model;

import java.time.Duration;

/**
 * What a reconcile decided should happen next. The reconciler returns it; the kind's scheduler
 * (and, for retries, the backoff) turn it into a time.
 */
public sealed interface Outcome {

    /** In sync with Azure: next visit is the periodic re-sync. */
    record InSync() implements Outcome {
    }

    /** Something is in progress (a long-running operation): look again after {@code delay}. */
    record PollAfter(Duration delay) implements Outcome {
    }

    /**
     * A retryable failure: the backoff decides when to try again. {@code recheck}: only the check of a resource in
     * sync failed (Azure could not be read), so the retry checks again, as its periodic sync would.
     */
    record Retry(String reason, boolean recheck) implements Outcome {
    }

    /**
     * Nothing to do until the resource, or the resource it waits on ({@code dependency}, as
     * {@code Kind.group/namespace/name}, or null), changes: a watch event brings it back.
     */
    record WaitForChange(String reason, String dependency) implements Outcome {
    }

    /** The resource is gone from Kubernetes (finalizer released or never set): forget it. */
    record Forget() implements Outcome {
    }

    static Outcome inSync() {
        return new InSync();
    }

    static Outcome pollAfter(Duration delay) {
        return new PollAfter(delay);
    }

    static Outcome retry(String reason) {
        return new Retry(reason, false);
    }

    static Outcome recheck(String reason) {
        return new Retry(reason, true);
    }

    static Outcome waitForChange(String reason) {
        return new WaitForChange(reason, null);
    }

    static Outcome waitFor(String reason, String dependency) {
        return new WaitForChange(reason, dependency);
    }

    static Outcome forget() {
        return new Forget();
    }
}
