package io.azureoperator.kube;

import io.azureoperator.model.ArmId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/** Read helpers over a generic custom resource; never mutate what they return (it is the informer's cache). */
public final class Resources {
    private Resources() {
    }

    public static JsonObject spec(GenericKubernetesResource r) {
        return section(r, "spec");
    }

    public static JsonObject status(GenericKubernetesResource r) {
        return section(r, "status");
    }

    public static Optional<String> annotation(ObjectMeta meta, String name) {
        Map<String, String> a = meta.getAnnotations();
        return Optional.ofNullable(a == null ? null : a.get(name)).filter(v -> !v.isBlank());
    }

    public static Optional<String> annotation(GenericKubernetesResource r, String name) {
        return annotation(r.getMetadata(), name);
    }

    public static boolean hasFinalizer(GenericKubernetesResource r) {
        return r.getMetadata().getFinalizers() != null && r.getMetadata().getFinalizers().contains(Annotations.FINALIZER);
    }

    public static boolean deleting(GenericKubernetesResource r) {
        return r.getMetadata().getDeletionTimestamp() != null;
    }

    /**
     * The resource's ARM ID once it exists in Azure, read back at least once ({@code status.id} set). What owners
     * and references wait for. The {@code resource-id} annotation gives it when the resource was ever claimed;
     * a resource only read under reconcile-policy skip (never claimed) has only the ID Azure returned.
     */
    public static Optional<ArmId> createdArmId(GenericKubernetesResource r) {
        if (!(status(r).getValue("id") instanceof String id) || id.isBlank()) {
            return Optional.empty();
        }
        Optional<String> claimed = annotation(r, Annotations.RESOURCE_ID);
        return claimed.isPresent() ? claimed.flatMap(ArmId::tryParse) : ArmId.tryParse(id);
    }

    public static long generation(GenericKubernetesResource r) {
        Long g = r.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    @SuppressWarnings("unchecked")
    private static JsonObject section(GenericKubernetesResource r, String name) {
        Object v = r.getAdditionalProperties().get(name);
        if (v instanceof Map<?, ?> m) {
            return new JsonObject((Map<String, Object>) m).copy();
        }
        return new JsonObject();
    }
}
