package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The informer cache of a kind, without what reconciling never reads: {@code metadata.managedFields} is often
 * the largest part of an object (ASO pods ran out of memory on it). The API server keeps managedFields when an
 * update leaves them out, so writes built from the trimmed copy lose nothing.
 */
public final class TrimmedItemStore extends BasicItemStore<GenericKubernetesResource> {

    public TrimmedItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource r) {
        if (r.getMetadata() != null && r.getMetadata().getManagedFields() != null
                && !r.getMetadata().getManagedFields().isEmpty()) {
            r.getMetadata().setManagedFields(null);
        }
        return super.put(key, r);
    }
}
