package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Optional;

/** Read access to one kind's informer caches (one informer per watched namespace, or one for all). */
public final class ResourceCache {
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers;

    public ResourceCache(List<SharedIndexInformer<GenericKubernetesResource>> informers) {
        this.informers = List.copyOf(informers);
    }

    public Optional<GenericKubernetesResource> get(ResourceKey key) {
        for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
            GenericKubernetesResource r = informer.getStore().getByKey(key.toString());
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public List<ResourceKey> keysIn(String namespace) {
        return informers.stream().flatMap(i -> i.getStore().list().stream())
                .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                .map(ResourceKey::of).toList();
    }

    public List<GenericKubernetesResource> all() {
        return informers.stream().flatMap(i -> i.getStore().list().stream()).toList();
    }

    public boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }
}
