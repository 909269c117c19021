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
 * newest copy written. A version the operator's writes produced means the cache caught up. Any other version is a
 * change by someone else (our writes carry resourceVersion, so such a change cannot be older than ours) and the
 * cache wins.
 *
 * <p>The kind's informer handler ({@link InformerBridge}) tells it what the cache holds, so it lets go of a copy
 * as soon as the cache holds a version it did not replace: at scale, a remembered copy per written resource would
 * double the memory of the cache. The produced versions stay until the handler has been told of them: fabric8
 * updates the cache before it tells the handler, and a run that reads the cache in between must not make the
 * handler take the operator's own write for someone else's change (a re-run that polls an operation at once).
 */
public final class OwnWrites {

    /**
     * The newest copy written ({@code copy}, dropped once the cache holds it; {@code deleted} when the last write
     * made the API server delete the object), the versions it replaced, and the versions this operator's writes
     * produced.
     */
    private record Written(GenericKubernetesResource copy, boolean deleted, Set<String> stale, Set<String> produced) {
        Written withoutCopy() {
            return new Written(null, deleted, stale, produced);
        }
    }

    private final Map<ResourceKey, Written> written = new ConcurrentHashMap<>();
    /** Resources with a write on its way: the last version the handler was told of meanwhile ("" for none). */
    private final Map<ResourceKey, String> toldDuringWrite = new ConcurrentHashMap<>();

    /** A write of {@code key} is about to be sent; {@link #record} or {@link #notWritten} follows. */
    public void writing(ResourceKey key) {
        toldDuringWrite.put(key, "");
    }

    /** The write of {@code key} failed: nothing to remember. */
    public void notWritten(ResourceKey key) {
        toldDuringWrite.remove(key);
    }

    /**
     * Records that {@code before} was replaced by {@code after}; {@code after} is null when the write made the
     * API server delete the object (its last finalizer went).
     */
    public void record(GenericKubernetesResource before, GenericKubernetesResource after) {
        ResourceKey key = ResourceKey.of(before);
        String told = toldDuringWrite.remove(key);
        if (after != null && after.getMetadata().getResourceVersion().equals(told)) {
            // the watch beat the answer: the cache holds this write and the handler heard of it, and of every
            // earlier one (it is told in order)
            written.remove(key);
            return;
        }
        written.compute(key, (k, old) -> {
            Set<String> stale = old == null ? new HashSet<>() : new HashSet<>(old.stale());
            Set<String> produced = old == null ? new HashSet<>() : new HashSet<>(old.produced());
            stale.add(before.getMetadata().getResourceVersion());
            // every version an earlier write produced is replaced too, also when this write started from a newer
            // copy fetched after a conflict (someone else's version in between)
            stale.addAll(produced);
            if (after != null) {
                produced.add(after.getMetadata().getResourceVersion());
            }
            return new Written(after, after == null, stale, produced);
        });
    }

    /**
     * The freshest known copy: {@code cached}, unless it is a version this operator already replaced; null when
     * this operator's last write deleted the object and the cache has not caught up yet.
     */
    public GenericKubernetesResource freshest(GenericKubernetesResource cached) {
        Written w = written.get(ResourceKey.of(cached));
        if (w != null && w.stale().contains(cached.getMetadata().getResourceVersion())) {
            return w.deleted() ? null : w.copy() == null ? cached : w.copy();
        }
        cacheHolds(cached);
        return cached;
    }

    /**
     * The cache holds {@code cached}, which the informer's handler may not have been told of yet (the cache is
     * updated first). Once it holds a version this operator produced, the copy is no longer needed, but the
     * versions stay until the handler has been told ({@link #seen}): its event must still be known as this
     * operator's own. Any other version is someone else's change and ends the record.
     */
    public void cacheHolds(GenericKubernetesResource cached) {
        String version = cached.getMetadata().getResourceVersion();
        written.computeIfPresent(ResourceKey.of(cached), (k, w) -> w.stale().contains(version) ? w
                : w.produced().contains(version) ? w.withoutCopy() : null);
    }

    public void forget(ResourceKey key) {
        written.remove(key);
    }

    /**
     * The handler is told the cache now holds {@code cached}: forget the record unless {@code cached} is a version
     * it replaced. Returns whether {@code cached} is a version one of this operator's writes produced (known only
     * once the write's answer came back): its watch event brings nothing the writing run does not already know.
     */
    public boolean seen(GenericKubernetesResource cached) {
        String version = cached.getMetadata().getResourceVersion();
        ResourceKey key = ResourceKey.of(cached);
        toldDuringWrite.computeIfPresent(key, (k, v) -> version);
        boolean[] own = {false};
        written.computeIfPresent(key, (k, w) -> {
            own[0] = w.produced().contains(version);
            return w.stale().contains(version) ? w : null;
        });
        return own[0];
    }

    public int size() {
        return written.size() + toldDuringWrite.size();
    }
}
