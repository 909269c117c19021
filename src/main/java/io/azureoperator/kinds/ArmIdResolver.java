package io.azureoperator.kinds;

import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.ArmId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Works out a resource's ARM ID from its owner chain: the subscription for subscription-scoped kinds,
 * else {@code spec.owner.armId} or the owner custom resource's own ARM ID.
 */
public final class ArmIdResolver {

    /** A Kubernetes object name (DNS-1123 subdomain). */
    static final java.util.regex.Pattern KUBERNETES_NAME =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final KindRegistry kinds;
    private final BiFunction<KindDescriptor, ResourceKey, Optional<GenericKubernetesResource>> lookup;

    /** @param lookup finds a custom resource by kind and key (from the informer caches) */
    public ArmIdResolver(KindRegistry kinds,
                         BiFunction<KindDescriptor, ResourceKey, Optional<GenericKubernetesResource>> lookup) {
        this.kinds = kinds;
        this.lookup = lookup;
    }

    public static String azureName(GenericKubernetesResource r, JsonObject spec) {
        Object value = spec.getValue("azureName");
        if (value != null && !(value instanceof String)) {
            throw new ClassCastException("spec.azureName must be a string");
        }
        String name = (String) value;
        return name == null || name.isBlank() ? r.getMetadata().getName() : name;
    }

    public Resolution<ArmId> resolve(KindDescriptor kind, GenericKubernetesResource r, String subscriptionId) {
        JsonObject spec = Resources.spec(r);
        String name;
        try {
            name = azureName(r, spec);
        } catch (ClassCastException e) {
            return new Resolution.Invalid<>("spec.azureName must be a string");
        }
        Resolution<ArmId> owner = ownerId(kind, r, spec, subscriptionId);
        if (!(owner instanceof Resolution.Resolved<ArmId> parent)) {
            return owner;
        }
        try {
            return new Resolution.Resolved<>(parent.value().child(kind.armType(), name));
        } catch (IllegalArgumentException e) {
            return new Resolution.Invalid<>(e.getMessage());
        }
    }

    /**
     * The owner custom resource {@code spec.owner.name} names in the resource's namespace, when it exists (created
     * in Azure or not, being deleted or not); empty for owners given by armId, absent or invalid owners.
     */
    public Optional<GenericKubernetesResource> ownerResource(KindDescriptor kind, GenericKubernetesResource r) {
        if (kind.owner().isEmpty() || !(Resources.spec(r).getValue("owner") instanceof JsonObject owner)
                || owner.getValue("armId") instanceof String armId && !armId.isBlank()
                || !(owner.getValue("name") instanceof String name) || !KUBERNETES_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String namespace = r.getMetadata().getNamespace();
        Object ownerNamespace = owner.getValue("namespace");
        if (ownerNamespace != null && !ownerNamespace.equals(namespace)) {
            return Optional.empty();
        }
        KindDescriptor.OwnerKind ownerKind = kind.owner().get();
        return kinds.find(ownerKind.group(), ownerKind.kind())
                .flatMap(d -> lookup.apply(d, new ResourceKey(namespace, name)));
    }

    private Resolution<ArmId> ownerId(KindDescriptor kind, GenericKubernetesResource r, JsonObject spec,
                                        String subscriptionId) {
        if (kind.owner().isEmpty()) {
            if (subscriptionId == null || subscriptionId.isBlank()) {
                return new Resolution.Invalid<>("no subscription is configured (AZURE_SUBSCRIPTION_ID)");
            }
            try {
                return new Resolution.Resolved<>(ArmId.subscription(subscriptionId));
            } catch (IllegalArgumentException e) {
                return new Resolution.Invalid<>(e.getMessage());
            }
        }
        Object ownerValue = spec.getValue("owner");
        if (!(ownerValue instanceof JsonObject owner)) {
            return new Resolution.Invalid<>("spec.owner is required: {name: <" + kind.owner().get().kind()
                    + " in this namespace>} or {armId: <ARM ID>}");
        }
        String armId = owner.getValue("armId") instanceof String s ? s : null;
        String name = owner.getValue("name") instanceof String s ? s : null;
        if (armId != null && !armId.isBlank()) {
            return ArmId.tryParse(armId).<Resolution<ArmId>>map(Resolution.Resolved::new)
                    .orElse(new Resolution.Invalid<>("spec.owner.armId '" + armId + "' is not an ARM resource ID"));
        }
        if (name == null || name.isBlank()) {
            return new Resolution.Invalid<>("spec.owner needs name or armId");
        }
        if (!KUBERNETES_NAME.matcher(name).matches()) {
            return new Resolution.Invalid<>("spec.owner.name '" + name
                    + "' is not the name of a resource in this namespace");
        }
        Object ownerNamespace = owner.getValue("namespace");
        if (ownerNamespace != null && !ownerNamespace.equals(r.getMetadata().getNamespace())) {
            return new Resolution.Invalid<>("spec.owner " + name + " is in namespace " + ownerNamespace
                    + "; an owner must be in namespace " + r.getMetadata().getNamespace());
        }
        KindDescriptor.OwnerKind ownerKind = kind.owner().get();
        Optional<KindDescriptor> ownerDescriptor = kinds.find(ownerKind.group(), ownerKind.kind());
        if (ownerDescriptor.isEmpty()) {
            return new Resolution.Invalid<>("owner kind " + ownerKind.kind() + "." + ownerKind.group()
                    + " is not served");
        }
        String namespace = r.getMetadata().getNamespace();
        String dependency = References.dependency(ownerDescriptor.get(), namespace, name);
        Optional<GenericKubernetesResource> ownerResource =
                lookup.apply(ownerDescriptor.get(), new ResourceKey(namespace, name));
        if (ownerResource.isEmpty()) {
            return new Resolution.Waiting<>(dependency, ownerKind.kind() + " " + name + " does not exist yet");
        }
        Optional<ArmId> ownerArmId = Resources.createdArmId(ownerResource.get());
        if (ownerArmId.isEmpty()) {
            return new Resolution.Waiting<>(dependency, ownerKind.kind() + " " + name
                    + " has not been created in Azure yet");
        }
        if (Resources.deleting(ownerResource.get())) {
            return new Resolution.Waiting<>(dependency, ownerKind.kind() + " " + name + " is being deleted");
        }
        return new Resolution.Resolved<>(ownerArmId.get());
    }
}
