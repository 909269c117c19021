package io.azureoperator.kinds;

import io.azureoperator.kube.Annotations;
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

    /** The ARM ID, or why it cannot be known yet ({@code waiting}) or ever ({@code invalid}). */
    public sealed interface Result {
        record Resolved(ArmId id) implements Result {
        }

        record WaitingForOwner(String message) implements Result {
        }

        record Invalid(String message) implements Result {
        }
    }

    private final BiFunction<KindDescriptor.OwnerKind, ResourceKey, Optional<GenericKubernetesResource>> owners;

    /** @param owners finds an owner custom resource by kind and key (from the informer caches) */
    public ArmIdResolver(BiFunction<KindDescriptor.OwnerKind, ResourceKey, Optional<GenericKubernetesResource>> owners) {
        this.owners = owners;
    }

    public static String azureName(GenericKubernetesResource r, JsonObject spec) {
        String name = spec.getString("azureName");
        return name == null || name.isBlank() ? r.getMetadata().getName() : name;
    }

    public Result resolve(KindDescriptor kind, GenericKubernetesResource r, String subscriptionId) {
        JsonObject spec = Resources.spec(r);
        String name;
        try {
            name = azureName(r, spec);
        } catch (ClassCastException e) {
            return new Result.Invalid("spec.azureName must be a string");
        }
        Result owner = ownerId(kind, r, spec, subscriptionId);
        if (!(owner instanceof Result.Resolved resolved)) {
            return owner;
        }
        try {
            return new Result.Resolved(resolved.id().child(kind.armType(), name));
        } catch (IllegalArgumentException e) {
            return new Result.Invalid(e.getMessage());
        }
    }

    private Result ownerId(KindDescriptor kind, GenericKubernetesResource r, JsonObject spec, String subscriptionId) {
        if (kind.owner().isEmpty()) {
            if (subscriptionId == null || subscriptionId.isBlank()) {
                return new Result.Invalid("no subscription is configured (AZURE_SUBSCRIPTION_ID)");
            }
            try {
                return new Result.Resolved(ArmId.subscription(subscriptionId));
            } catch (IllegalArgumentException e) {
                return new Result.Invalid(e.getMessage());
            }
        }
        Object ownerValue = spec.getValue("owner");
        if (!(ownerValue instanceof JsonObject owner)) {
            return new Result.Invalid("spec.owner is required: {name: <" + kind.owner().get().kind()
                    + " in this namespace>} or {armId: <ARM ID>}");
        }
        String armId = owner.getValue("armId") instanceof String s ? s : null;
        String name = owner.getValue("name") instanceof String s ? s : null;
        if (armId != null && !armId.isBlank()) {
            return ArmId.tryParse(armId).<Result>map(Result.Resolved::new)
                    .orElse(new Result.Invalid("spec.owner.armId '" + armId + "' is not an ARM resource ID"));
        }
        if (name == null || name.isBlank()) {
            return new Result.Invalid("spec.owner needs name or armId");
        }
        if (name.contains("/")) {
            return new Result.Invalid("spec.owner.name '" + name + "' must be a name in this namespace");
        }
        KindDescriptor.OwnerKind ownerKind = kind.owner().get();
        Optional<GenericKubernetesResource> ownerResource =
                owners.apply(ownerKind, new ResourceKey(r.getMetadata().getNamespace(), name));
        if (ownerResource.isEmpty()) {
            return new Result.WaitingForOwner(ownerKind.kind() + " " + name + " does not exist yet");
        }
        Optional<String> ownerArmId = Resources.annotation(ownerResource.get(), Annotations.RESOURCE_ID);
        if (ownerArmId.isEmpty()) {
            return new Result.WaitingForOwner(ownerKind.kind() + " " + name + " has no ARM ID yet");
        }
        return ArmId.tryParse(ownerArmId.get()).<Result>map(Result.Resolved::new)
                .orElse(new Result.WaitingForOwner(ownerKind.kind() + " " + name + " has an unreadable ARM ID"));
    }
}
