package io.azureoperator.kube;

import io.azureoperator.kinds.KindDescriptor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vertx.core.eventbus.EventBus;
import java.util.Objects;

/**
 * Informer callbacks → event bus, nothing else: never blocks, never calls ARM. Status-only updates (the
 * operator's own status writes) are not forwarded; spec (generation), annotation, finalizer and deletion
 * changes are.
 */
public final class InformerBridge implements ResourceEventHandler<GenericKubernetesResource> {
    private final EventBus bus;
    private final String address;

    public InformerBridge(EventBus bus, KindDescriptor kind) {
        this.bus = bus;
        this.address = EventAddresses.changed(kind);
    }

    @Override
    public void onAdd(GenericKubernetesResource r) {
        bus.send(address, ResourceKey.of(r).toString());
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
        if (matters(old.getMetadata(), now.getMetadata())) {
            bus.send(address, ResourceKey.of(now).toString());
        }
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
        bus.send(address, ResourceKey.of(r).toString());
    }

    static boolean matters(ObjectMeta old, ObjectMeta now) {
        return !Objects.equals(old.getGeneration(), now.getGeneration())
                || !Objects.equals(old.getAnnotations(), now.getAnnotations())
                || !Objects.equals(old.getFinalizers(), now.getFinalizers())
                || !Objects.equals(old.getDeletionTimestamp(), now.getDeletionTimestamp())
                || !Objects.equals(old.getLabels(), now.getLabels());
    }
}
