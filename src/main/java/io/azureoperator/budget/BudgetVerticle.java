package io.azureoperator.budget;

import io.azureoperator.config.OperatorConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every subscription's ARM budget: the only place that decides when a request may go out.
 * Requests wait here (in priority order) until their sliding window has room and no 429 pause holds.
 * All state is touched on this verticle's context only; {@link #budget()} is the thread-safe front door.
 */
public final class BudgetVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetVerticle.class);

    private final OperatorConfig config;
    private final Map<String, SubscriptionBudget<Promise<Void>>> subscriptions = new HashMap<>();
    private final Map<String, Long> timers = new HashMap<>();

    public BudgetVerticle(OperatorConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    /** The front door other components use; calls hop onto this verticle's context. */
    public Budget budget() {
        return new Budget() {
            @Override
            public Future<Void> acquire(String subscriptionId, RequestClass requestClass, Priority priority) {
                Promise<Void> granted = Promise.promise();
                Context caller = Vertx.currentContext();
                Promise<Void> grant = Promise.promise();
                // the grant is handed back on the caller's context, so its continuation stays there
                grant.future().onComplete(v -> {
                    if (caller == null) {
                        granted.complete();
                    } else {
                        caller.runOnContext(x -> granted.complete());
                    }
                });
                context.runOnContext(v -> {
                    forSubscription(subscriptionId).enqueue(requestClass, priority, grant);
                    drain(subscriptionId, requestClass);
                });
                return granted.future();
            }

            @Override
            public void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis) {
                context.runOnContext(v -> {
                    LOG.warn("budget/{}: ARM throttled {} requests, pausing them for {} ms", subscriptionId,
                            requestClass, retryAfterMillis);
                    forSubscription(subscriptionId).pause(requestClass, System.currentTimeMillis() + retryAfterMillis);
                });
            }
        };
    }

    /** Requests waiting for a grant, across subscriptions (for the live view and metrics). */
    public int waiting() {
        return subscriptions.values().stream().mapToInt(SubscriptionBudget::waitingCount).sum();
    }

    private SubscriptionBudget<Promise<Void>> forSubscription(String id) {
        return subscriptions.computeIfAbsent(id,
                k -> new SubscriptionBudget<>(config.writeLimit(), config.readLimit(), config.deleteLimit()));
    }

    private void drain(String subscriptionId, RequestClass c) {
        long now = System.currentTimeMillis();
        long next = forSubscription(subscriptionId).grantDue(c, now, Promise::complete);
        String timerKey = subscriptionId + "/" + c;
        if (next >= 0 && !timers.containsKey(timerKey)) {
            timers.put(timerKey, vertx.setTimer(Math.max(1, next - now), id -> {
                timers.remove(timerKey);
                drain(subscriptionId, c);
            }));
        }
    }
}
