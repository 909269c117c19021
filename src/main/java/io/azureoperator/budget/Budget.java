package io.azureoperator.budget;

import io.vertx.core.Future;

/** Asks the subscription's budget for permission to send one ARM request. */
public interface Budget {

    /**
     * Completes when one request of {@code requestClass} may go out for {@code subscriptionId}, with the time of the
     * grant (the budget's clock) to give back to {@link #answered}.
     */
    Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority);

    /**
     * As {@link #acquire(String, RequestClass, Priority)}, served round-robin with other requests of the same class
     * and priority that carry other {@code fairnessKey}s (e.g. {@code "VirtualNetwork/team-a"}), so one kind or
     * namespace with a long queue cannot starve the others.
     */
    default Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority,
                                 String fairnessKey) {
        return acquire(subscriptionId, requestClass, priority);
    }

    /**
     * The request granted at {@code grantedAt} was answered, or failed, just now. ARM counted it when it arrived,
     * somewhere between the grant and now; from now on the budget counts it as arrived now, the latest it can
     * have, so a request held up on its way (a busy machine, a full connection pool) cannot make ARM see more in
     * a window than the budget allowed, as long as it is answered within a window of its grant (the ARM client
     * times out after a minute; ARM's windows are an hour).
     */
    default void answered(String subscriptionId, RequestClass requestClass, long grantedAt) {
    }

    /** ARM said 429: hold back this class for the subscription until {@code retryAfterMillis} have passed. */
    void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis);

    /**
     * ARM reported {@code remaining} requests of this class left for the subscription
     * ({@code x-ms-ratelimit-remaining-subscription-*}): when that runs low the budget spaces its grants out.
     */
    default void observed(String subscriptionId, RequestClass requestClass, int remaining) {
    }

    /** No limits at all (tools and tests that are not about the budget). */
    static Budget unlimited() {
        return new Budget() {
            @Override
            public Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority) {
                return Future.succeededFuture(System.currentTimeMillis());
            }

            @Override
            public void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis) {
            }
        };
    }
}
