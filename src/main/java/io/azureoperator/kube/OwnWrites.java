package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
 * <p>The kind's informer handler ({@link InformerBridge}) tells it what the cache holds, so it lets go of a copy
 * as soon as the cache holds a version it did not replace: at scale, a remembered copy per written resource would
 * double the memory of the cache.
 */
public final class OwnWrites {

    /** The newest copy written, the versions it replaced, and the versions this operator's writes produced. */
    private record Written(GenericKubernetesResource latest, Set<String> stale, Set<String> produced) {
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
            Set<String> produced = old == null ? new HashSet<>() : new HashSet<>(old.produced());
            stale.add(before.getMetadata().getResourceVersion());
            if (after != null) {
                produced.add(after.getMetadata().getResourceVersion());
            }
            return new Written(after, stale, produced);
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

    /**
     * The cache now holds {@code cached}: forget the remembered copy unless {@code cached} is one it replaced.
     * Returns whether {@code cached} is a version one of this operator's writes produced (known only once the
     * write's answer came back): its watch event brings nothing the writing run does not already know.
     */
    public boolean seen(GenericKubernetesResource cached) {
        String version = cached.getMetadata().getResourceVersion();
        boolean[] own = {false};
        written.computeIfPresent(ResourceKey.of(cached), (k, w) -> {
            own[0] = w.produced().contains(version);
            return w.stale().contains(version) ? w : null;
        });
        return own[0];
    }

    public int size() {
        return written.size();
    }
}
