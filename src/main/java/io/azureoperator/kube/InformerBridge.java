package io.azureoperator.kube;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.References;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.Objects;

/**
 * Informer callbacks → event bus, nothing else: never blocks, never calls ARM. Status-only updates (the
 * operator's own status writes) are not forwarded; spec (generation), annotation, finalizer and deletion
 * changes are, with the version they bring, except a version this operator's own write produced ({@link
 * OwnWrites}, told first what the cache now holds): the run that wrote it knows it. An event that beats its write's
 * answer is forwarded; the kind's queue then sees the run wrote that version itself and does not run it again.
 */
public final class InformerBridge implements ResourceEventHandler<GenericKubernetesResource> {
    private final EventBus bus;
    private final KindDescriptor kind;
    private final String address;
    private final OwnWrites ownWrites;
    private final DependencyListeners dependents;

    public InformerBridge(EventBus bus, KindDescriptor kind, OwnWrites ownWrites, DependencyListeners dependents) {
        this.bus = bus;
        this.dependents = dependents;
        this.kind = kind;
        this.ownWrites = ownWrites;
        this.address = EventAddresses.changed(kind);
    }

    @Override
    public void onAdd(GenericKubernetesResource r) {
        ownWrites.seen(r);
        forward(r);
    }

    @Override
    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
        boolean own = ownWrites.seen(now);
        if (matters(old.getMetadata(), now.getMetadata())) {
            if (own) {
                publish(now); // dependents still hear of it
            } else {
                forward(now);
            }
        } else if (!Objects.equals(Resources.status(old).getValue("id"), Resources.status(now).getValue("id"))) {
            // created in Azure: what waits on it (children, references) may go on
            publish(now);
        }
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
        ownWrites.forget(ResourceKey.of(r));
        forward(r);
    }

    /** To the kind's own queue, and to the kinds that may depend on this resource. */
    private void forward(GenericKubernetesResource r) {
        bus.send(address, ResourceKey.of(r).toString(), new DeliveryOptions()
                .addHeader(EventAddresses.RESOURCE_VERSION, r.getMetadata().getResourceVersion()));
        publish(r);
    }

    private void publish(GenericKubernetesResource r) {
        dependents.changed(bus, References.dependency(kind, r.getMetadata().getNamespace(), r.getMetadata().getName()));
    }

    static boolean matters(ObjectMeta old, ObjectMeta now) {
        return !Objects.equals(old.getGeneration(), now.getGeneration())
                || !Objects.equals(old.getAnnotations(), now.getAnnotations())
                || !Objects.equals(old.getFinalizers(), now.getFinalizers())
                || !Objects.equals(old.getDeletionTimestamp(), now.getDeletionTimestamp())
                || !Objects.equals(old.getLabels(), now.getLabels());
    }
}
