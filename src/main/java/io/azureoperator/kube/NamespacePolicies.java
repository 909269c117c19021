package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.eventbus.EventBus;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches Namespaces for the reconcile-policy annotation: answers lookups from the cache and publishes
 * {@link EventAddresses#NAMESPACE_CHANGED} when a namespace's annotation changes, so it takes effect at once.
 */
public final class NamespacePolicies implements ResourceEventHandler<Namespace> {
    private final SharedIndexInformer<Namespace> informer;
    private final EventBus bus;

    public NamespacePolicies(SharedIndexInformer<Namespace> informer, EventBus bus) {
        this.informer = informer;
        this.bus = bus;
        informer.addEventHandler(this);
    }

    public SharedIndexInformer<Namespace> informer() {
        return informer;
    }

    public Optional<String> policy(String namespace) {
        Namespace ns = informer.getStore().getByKey(namespace);
        return ns == null ? Optional.empty() : Resources.annotation(ns.getMetadata(), Annotations.RECONCILE_POLICY);
    }

    @Override
    public void onAdd(Namespace ns) {
        if (Resources.annotation(ns.getMetadata(), Annotations.RECONCILE_POLICY).isPresent()) {
            bus.publish(EventAddresses.NAMESPACE_CHANGED, ns.getMetadata().getName());
        }
    }

    @Override
    public void onUpdate(Namespace old, Namespace now) {
        if (!Objects.equals(Resources.annotation(old.getMetadata(), Annotations.RECONCILE_POLICY),
                Resources.annotation(now.getMetadata(), Annotations.RECONCILE_POLICY))) {
            bus.publish(EventAddresses.NAMESPACE_CHANGED, now.getMetadata().getName());
        }
    }

    @Override
    public void onDelete(Namespace ns, boolean finalStateUnknown) {
    }
}
