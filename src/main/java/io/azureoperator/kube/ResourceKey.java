package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** {@code namespace/name}: how a resource is queued, cached and named in logs. */
public record ResourceKey(String namespace, String name) {

    public static ResourceKey of(HasMetadata r) {
        return new ResourceKey(r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    public static ResourceKey parse(String key) {
        int slash = key.indexOf('/');
        return new ResourceKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
