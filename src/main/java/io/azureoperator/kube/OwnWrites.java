package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the resources this operator just wrote, until the informer cache has caught up with them.
 * Without it, a re-run right after a write reads the older cached copy (no finalizer, an old status) and
 * acts again on a state that is already handled: a second PUT, a repeated retry.
 *
 * <p>Versions the operator replaced are known to be stale; a cached copy at one of them is swapped for the
 * newest copy written. Any other version is a change by someone else (our writes carry resourceVersion,
 * so such a change cannot be older than ours) and the cache wins.
 *
 * <p>As the kind's informer handler, it lets go of a copy as soon as the cache holds a version it did not
 * replace: at scale, a remembered copy per written resource would double the memory of the cache.
 */
public final class OwnWrites implements ResourceEventHandler<GenericKubernetesResource> {

    private record Written(GenericKubernetesResource latest, Set<String> stale) {
    }

    private final Map<ResourceKey, Written> written = new ConcurrentHashMap<>();

    /**
     * Records that {@code before} was replaced by {@code after}; {@code after} is null when the write made the
     * API server delete the object (its last finalizer went).
     */
    public void record(GenericKubernetesResource before, GenericKubernetesResource after) {
        ResourceKey key = ResourceKey.of(before);
        written.compute(key, (k, old) -> {
            Set<String> stale = old == null ? new HashSet<>() : new HashSet<>(old.stale());
            stale.add(before.getMetadata().getResourceVersion());
            return new Written(after, stale);
        });
    }

    /**
     * The freshest known copy: {@code cached}, unless it is a version this operator already replaced; null when
     * this operator's last write deleted the object and the cache has not caught up yet.
     */
    public GenericKubernetesResource freshest(GenericKubernetesResource cached) {
        ResourceKey key = ResourceKey.of(cached);
        Written w = written.get(key);
        if (w == null) {
            return cached;
        }
        if (w.stale().contains(cached.getMetadata().getResourceVersion())) {
            return w.latest();
        }
        written.remove(key, w);
        return cached;
    }

    public void forget(ResourceKey key) {
        written.remove(key);
    }

    @Override
    public void onAdd(GenericKubernetesResource cached) {
        seen(cached);
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource cached) {
        seen(cached);
    }

    @Override
    public void onDelete(GenericKubernetesResource cached, boolean finalStateUnknown) {
        forget(ResourceKey.of(cached));
    }

    /** The cache now holds {@code cached}: forget the remembered copy unless {@code cached} is one it replaced. */
    public void seen(GenericKubernetesResource cached) {
        written.computeIfPresent(ResourceKey.of(cached), (k, w) ->
                w.stale().contains(cached.getMetadata().getResourceVersion()) ? w : null);
    }

    public int size() {
        return written.size();
    }
}
