package io.azureoperator.reconcile;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kube.EventAddresses;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.lead.Fence;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The kind verticles of one leadership term: deployed when this instance leads (or at start without leader
 * election), undeployed when it stops leading; the fence makes what a retired term still runs find nothing to do.
 * Touched on the operator's control context only.
 */
public final class KindWorkers {
    private final Vertx vertx;
    private final Map<KindDescriptor, Function<Fence, KindVerticle>> factories;
    private final Map<KindDescriptor, ResourceCache> caches;
    private final List<String> ids = new ArrayList<>();
    private final List<KindVerticle> verticles = new CopyOnWriteArrayList<>();
    /** Verticles of earlier terms, until they have drained. */
    private final List<KindVerticle> retired = new CopyOnWriteArrayList<>();

    private Fence fence;

    public KindWorkers(Vertx vertx, Map<KindDescriptor, Function<Fence, KindVerticle>> factories,
                       Map<KindDescriptor, ResourceCache> caches) {
        this.vertx = vertx;
        this.factories = factories;
        this.caches = caches;
    }

    public boolean deployed() {
        return !ids.isEmpty();
    }

    public int count() {
        return ids.size();
    }

    public Future<Integer> deploy() {
        Future<?> chain = Future.succeededFuture();
        fence = new Fence();
        for (Function<Fence, KindVerticle> factory : factories.values()) {
            KindVerticle verticle = factory.apply(fence);
            chain = chain.compose(v -> vertx.deployVerticle(verticle)).onSuccess(id -> {
                ids.add(id);
                verticles.add(verticle);
            });
        }
        return chain.map(v -> ids.size());
    }

    /** Queues every cached resource once (informer events seen before the verticles existed). */
    public int enqueueAll() {
        int n = 0;
        for (Map.Entry<KindDescriptor, ResourceCache> e : caches.entrySet()) {
            for (GenericKubernetesResource r : e.getValue().all()) {
                vertx.eventBus().send(EventAddresses.changed(e.getKey()), ResourceKey.of(r).toString());
                n++;
            }
        }
        return n;
    }

    /** Ends the term: its verticles stop, and what they start from now on finds nothing to do. */
    public Future<Void> undeploy() {
        if (fence != null) {
            fence.close();
        }
        Future<Void> chain = Future.succeededFuture();
        for (String id : List.copyOf(ids)) {
            chain = chain.compose(v -> vertx.undeploy(id)).recover(t -> Future.succeededFuture());
        }
        ids.clear();
        retired.addAll(verticles);
        verticles.clear();
        return chain;
    }

    /**
     * Reconciles queued or running. Read from outside the verticles' contexts: a monitoring value, good
     * enough to poll a drain.
     */
    public int depth() {
        retired.removeIf(v -> v.depth() == 0);
        return verticles.stream().mapToInt(KindVerticle::depth).sum()
                + retired.stream().mapToInt(KindVerticle::depth).sum();
    }
}
