package io.azureoperator.reconcile;

import io.azureoperator.config.ReconcilePolicy;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kube.Resources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;
import java.util.function.Function;

/** The reconcile policy of a resource: its annotation, else its Namespace's, else the configured default. */
public final class PolicyResolver {

    /** A policy, or the message explaining why an annotation value is not one. */
    public record Resolved(ReconcilePolicy policy, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    private final Function<String, Optional<String>> namespaceAnnotation;
    private final ReconcilePolicy fallback;

    /** @param namespaceAnnotation the reconcile-policy annotation of a namespace, from the namespace cache */
    public PolicyResolver(Function<String, Optional<String>> namespaceAnnotation, ReconcilePolicy fallback) {
        this.namespaceAnnotation = namespaceAnnotation;
        this.fallback = fallback;
    }

    public Resolved resolve(GenericKubernetesResource r) {
        Optional<String> own = Resources.annotation(r, Annotations.RECONCILE_POLICY);
        if (own.isPresent()) {
            return parse(own.get(), "annotation " + Annotations.RECONCILE_POLICY);
        }
        Optional<String> ns = namespaceAnnotation.apply(r.getMetadata().getNamespace());
        if (ns.isPresent()) {
            return parse(ns.get(), "annotation " + Annotations.RECONCILE_POLICY + " of namespace "
                    + r.getMetadata().getNamespace());
        }
        return new Resolved(fallback, null);
    }

    private static Resolved parse(String value, String where) {
        return ReconcilePolicy.parse(value.trim())
                .map(p -> new Resolved(p, null))
                .orElse(new Resolved(null, where + " is '" + value + "'; use manage, detach-on-delete or skip"));
    }
}
