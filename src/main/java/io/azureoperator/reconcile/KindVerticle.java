package io.azureoperator.reconcile;

import io.azureoperator.budget.SyncPeriods;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kube.DependencyListeners;
import io.azureoperator.kube.EventAddresses;
import io.azureoperator.kube.OwnWrites;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.ArmId;
import io.azureoperator.metrics.OperatorMetrics;
import io.azureoperator.model.Outcome;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind's worker: feeds its {@link WorkQueue} (one run per resource, coalescing, at most {@code maxInFlight}
 * runs, changes before periodic syncs) from watch events and timed visits, and turns each {@link Outcome}
 * into the resource's next visit (periodic sync, poll, or a retry timed by {@link Backoff}). While changes are on
 * their way to their PUT, a run whose PUT was answered gives its slot to them and writes its status once they have
 * all handed their PUTs to ARM ({@link FinishQueue}).
 * All state lives on this verticle's context.
 */
public final class KindVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(KindVerticle.class);

    private final KindDescriptor kind;
    private final Reconciler reconciler;
    private final ResourceCache cache;
    private final Backoff backoff;
    /** When periodic syncs are due (empty: AZURE_SYNC_PERIOD=never). */
    private final Optional<SyncSchedule> syncs;
    /** Where due syncs are counted (the effective sync period per subscription). */
    private final SyncPeriods periods;
    /** Copies this operator just wrote: the next sync recorded in a status it wrote a moment ago. */
    private final OwnWrites ownWrites;
    private final OperatorMetrics metrics;
    private final java.util.concurrent.atomic.AtomicInteger depth;

    private final WorkQueue queue;
    private final DueQueue due = new DueQueue();
    private final FinishQueue finishing = new FinishQueue();
    private long finishTimerId = -1;
    /** Undeployed: a run that reaches its finish turn now finishes at once (no timer or pump will release it). */
    private boolean stopped;
    /** Resources waiting on another resource (owner or reference), by that resource's dependency name. */
    private final Map<String, java.util.Set<String>> waiters = new HashMap<>();
    private final Map<String, String> waitingOn = new HashMap<>();
    /** Dependencies that changed while a resource was being reconciled (it may have read them too early). */
    private final DependencyChanges dependencyChanges = new DependencyChanges();
    /** All kinds' verticles: the informers tell this one of a changed resource only while it may depend on it. */
    private final DependencyListeners dependents;
    private DependencyListeners.Listener listener;
    private long timerId = -1;
    private long timerAt = Long.MAX_VALUE;

    public KindVerticle(KindDescriptor kind, Reconciler reconciler, ResourceCache cache, OwnWrites ownWrites,
                        Backoff backoff, int maxInFlight, Optional<SyncSchedule> syncs, SyncPeriods periods,
                        OperatorMetrics metrics, DependencyListeners dependents) {
        this.dependents = dependents;
        this.ownWrites = ownWrites;
        this.periods = periods;
        this.metrics = metrics;
        this.depth = metrics.queueDepth(kind.kind());
        this.kind = kind;
        this.reconciler = reconciler;
        this.cache = cache;
        this.backoff = backoff;
        this.queue = new WorkQueue(maxInFlight);
        this.syncs = syncs;
    }

    @Override
    public Future<?> start() {
        var events = vertx.eventBus().<String>localConsumer(EventAddresses.changed(kind),
                m -> changed(m.body(), Trigger.CHANGE, m.headers().get(EventAddresses.RESOURCE_VERSION)));
        var namespaces = vertx.eventBus().<String>localConsumer(EventAddresses.NAMESPACE_CHANGED,
                m -> cache.keysIn(m.body()).forEach(k -> changed(k.toString(), Trigger.CHANGE)));
        listener = dependents.join(kind);
        var dependencies = vertx.eventBus().<String>localConsumer(listener.address(), m -> {
            dependencyChanges.changed(m.body());
            java.util.Set<String> keys = waiters.get(m.body());
            if (keys != null) {
                java.util.List.copyOf(keys).forEach(k -> changed(k, Trigger.CHANGE));
            }
        });
        return Future.all(events.completion(), namespaces.completion(), dependencies.completion());
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        dependents.leave(listener);
        finishing.release(false, System.currentTimeMillis()); // its timer ends with this verticle
        periods.forget(kind.kind() + ":");
        return Future.succeededFuture();
    }

    /** Resources queued or running (for the live view and metrics). */
    public int depth() {
        return queue.depth();
    }

    private void changed(String key, Trigger trigger) {
        changed(key, trigger, null);
    }

    /** {@code version}: the resourceVersion a watch event brought (null: a visit for another reason). */
    private void changed(String key, Trigger trigger, String version) {
        queue.offer(key, trigger, version);
        pump();
    }

    private void pump() {
        try {
            queue.startable().forEach(start -> run(start.key(), start.trigger()));
            if (!queue.changesAhead()) {
                finishing.release(false, System.currentTimeMillis());
            }
        } finally {
            depth.set(depth());
        }
    }

    private void run(String key, Trigger trigger) {
        listener.runStarted(); // before the run reads anything
        dependencyChanges.runStarted(key);
        reconciler.reconcile(ResourceKey.parse(key), trigger, new RunHooks() {
                    @Override
                    public void sendingPut() {
                        context.runOnContext(v -> {
                            queue.sent(key);
                            pump();
                        });
                    }

                    @Override
                    public Future<Void> finishTurn() {
                        return KindVerticle.this.finishTurn(key);
                    }

                    @Override
                    public void wrote(String resourceVersion) {
                        context.runOnContext(v -> queue.wrote(key, resourceVersion));
                    }
                })
                .otherwise(t -> {
                    LOG.error("{} {}: reconcile crashed", kind.kind(), key, t);
                    return Outcome.retry("internal error");
                })
                .onSuccess(outcome -> context.runOnContext(v -> {
                    String dependency = outcome instanceof Outcome.WaitForChange w ? w.dependency() : null;
                    boolean dependencyChanged = dependencyChanges.runEnded(key, dependency);
                    boolean dirty = queue.finished(key) || dependencyChanged;
                    plan(key, trigger, outcome);
                    listener.runEnded(); // after plan recorded what it waits on
                    if (dirty) {
                        changed(key, Trigger.CHANGE);
                    }
                    pump();
                }));
    }

    /**
     * When a run whose PUT was answered may write its status: at once, or, while changes are still on their way to
     * their PUT, once they have all handed it to ARM (the run gives its slot to them meanwhile; {@link FinishQueue}).
     */
    private Future<Void> finishTurn(String key) {
        Promise<Void> turn = Promise.promise();
        context.runOnContext(v -> {
            queue.sent(key); // its PUT was answered: never ahead of itself
            if (stopped || !queue.changesAhead()) {
                turn.complete();
                return;
            }
            queue.yieldSlot(key);
            finishing.hold(turn::complete, System.currentTimeMillis());
            armFinishTimer();
            pump();
        });
        return turn.future();
    }

    private void armFinishTimer() {
        long deadline = finishing.nextDeadline();
        if (finishTimerId >= 0 || deadline < 0) {
            return;
        }
        finishTimerId = vertx.setTimer(Math.max(1, deadline - System.currentTimeMillis()), id -> {
            finishTimerId = -1;
            finishing.release(queue.changesAhead(), System.currentTimeMillis());
            armFinishTimer();
        });
    }

    private void plan(String key, Trigger trigger, Outcome outcome) {
        long now = System.currentTimeMillis();
        metrics.reconciled(kind.kind(), result(outcome));
        periods.ended(periodsKey(key), now);
        stopWaiting(key);
        if (outcome instanceof Outcome.WaitForChange w && w.dependency() != null) {
            waitingOn.put(key, w.dependency());
            waiters.computeIfAbsent(w.dependency(), d -> {
                listener.waitsOn(d);
                return new java.util.HashSet<>();
            }).add(key);
        }
        if (outcome instanceof Outcome.InSync) {
            backoff.reset(key);
            if (syncs.isEmpty()) {
                due.cancel(key);
            } else {
                scheduleSync(key, trigger, now);
            }
        } else if (outcome instanceof Outcome.PollAfter p) {
            due.schedule(key, now + p.delay().toMillis(), Trigger.CHANGE);
        } else if (outcome instanceof Outcome.Retry r) {
            Duration delay = backoff.nextDelay(key);
            LOG.info("{} {}: retry #{} in {} ms ({})", kind.kind(), key, backoff.failures(key), delay.toMillis(),
                    r.reason());
            due.schedule(key, now + delay.toMillis(), r.recheck() ? Trigger.PERIODIC_SYNC : Trigger.CHANGE);
        } else if (outcome instanceof Outcome.WaitForChange) {
            due.cancel(key);
        } else {
            due.cancel(key);
            backoff.reset(key);
        }
        armTimer();
    }

    /**
     * The next periodic sync, from what the resource's status records (or its uid's phase). A sync already planned
     * for that time stays as it is (it knows since when the resource has been in sync). The resource is in sync
     * since now after a sync or after a run while it had a visit planned; a first run without one (start-up) did
     * not look at Azure: since when is not known.
     */
    private void scheduleSync(String key, Trigger trigger, long now) {
        Optional<GenericKubernetesResource> resource = cache.get(ResourceKey.parse(key))
                .map(ownWrites::freshest);
        String uid = resource.map(r -> r.getMetadata().getUid()).orElse(key);
        OptionalLong recorded = resource.map(SyncSchedule::recorded).orElse(OptionalLong.empty());
        long next = syncs.get().next(uid, recorded, now);
        boolean planned = due.scheduled(key).filter(e -> e.trigger() == Trigger.PERIODIC_SYNC && e.dueAt() == next)
                .isPresent();
        if (!planned) {
            long since = trigger == Trigger.PERIODIC_SYNC || due.scheduled(key).isPresent() ? now : -1;
            due.schedule(key, next, Trigger.PERIODIC_SYNC, since);
        }
    }

    /** A periodic sync came due: the effective sync period of its subscription counts it until it ends. */
    private void syncDue(DueQueue.Entry e) {
        cache.get(ResourceKey.parse(e.key()))
                .flatMap(r -> Resources.annotation(r, Annotations.RESOURCE_ID))
                .flatMap(ArmId::tryParse)
                .ifPresent(id -> periods.due(periodsKey(e.key()), id.subscriptionId(), e.since(), e.dueAt()));
    }

    private String periodsKey(String key) {
        return kind.kind() + ":" + key;
    }

    private static String result(Outcome outcome) {
        if (outcome instanceof Outcome.InSync) {
            return "in_sync";
        }
        if (outcome instanceof Outcome.PollAfter) {
            return "poll";
        }
        if (outcome instanceof Outcome.Retry) {
            return "retry";
        }
        return outcome instanceof Outcome.WaitForChange ? "wait" : "forget";
    }

    private void stopWaiting(String key) {
        String dependency = waitingOn.remove(key);
        if (dependency != null) {
            java.util.Set<String> keys = waiters.get(dependency);
            keys.remove(key);
            if (keys.isEmpty()) {
                waiters.remove(dependency);
                listener.waitsNoLongerOn(dependency);
            }
        }
    }

    private void armTimer() {
        long next = due.nextDueAt();
        if (next < 0 || next >= timerAt) {
            return;
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        timerAt = next;
        timerId = vertx.setTimer(Math.max(1, next - System.currentTimeMillis()), id -> {
            timerId = -1;
            timerAt = Long.MAX_VALUE;
            for (DueQueue.Entry e : due.pollDue(System.currentTimeMillis())) {
                if (e.trigger() == Trigger.PERIODIC_SYNC) {
                    syncDue(e);
                }
                changed(e.key(), e.trigger());
            }
            armTimer();
        });
    }
}
