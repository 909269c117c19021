package io.azureoperator.budget;

import io.vertx.core.Future;

/** Asks the subscription's budget for permission to send one ARM request. */
public interface Budget {

    /** Completes when one request of {@code requestClass} may go out for {@code subscriptionId}. */
    Future<Void> acquire(String subscriptionId, RequestClass requestClass, Priority priority);

    /** ARM said 429: hold back this class for the subscription until {@code retryAfterMillis} have passed. */
    void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis);

    /** No limits at all (tools and tests that are not about the budget). */
    static Budget unlimited() {
        return new Budget() {
            @Override
            public Future<Void> acquire(String subscriptionId, RequestClass requestClass, Priority priority) {
                return Future.succeededFuture();
            }

            @Override
            public void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis) {
            }
        };
    }
}
