package io.azureoperator.kinds;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the generic reconciler and the CRD generator know about one kind. Loaded from
 * {@code src/main/resources/kinds/*.yaml}; adding an Azure type means adding such a file.
 *
 * @param owner the kind that owns this one ({@code spec.owner.name}); empty for subscription-scoped kinds
 * @param envelope spec fields that stay at the top of the ARM body; the other spec fields go under {@code properties}
 * @param specSchema the OpenAPI schema of the kind's own spec fields (common fields are added by {@link CrdFactory})
 * @param statusSchema the OpenAPI schema of the kind's own status fields
 * @param preserveOnPut paths of the ARM body that Azure fills from child resources managed on their own (a
 *        VNet's {@code properties.subnets}); a PUT carries them over from Azure so it does not delete the children
 * @param exports the values {@code operatorSpec.secrets}/{@code configMaps} may name, and where each comes from
 */
public record KindDescriptor(
        String group,
        String version,
        String kind,
        String plural,
        String armType,
        String apiVersion,
        Optional<OwnerKind> owner,
        Set<String> envelope,
        JsonObject specSchema,
        JsonObject statusSchema,
        java.util.Map<String, ExportSource> exports,
        List<String> preserveOnPut,
        List<NestedProperties> nestedProperties,
        List<ReferenceField> references) {

    /**
     * A spec path holding a reference: {@code arm} is {@code object} ({@code reference}/{@code armId} becomes
     * {@code id} in place, sibling fields kept), {@code string} (the ID as a plain string under {@code armName})
     * or {@code map} (an array of references becomes a map keyed by ARM ID). A lone {@code {reference: ...}} or
     * {@code {armId}} becomes {@code {id}} wherever it is, declared or not.
     */
    public record ReferenceField(String path, String arm, String armName) {
    }

    /**
     * ARM objects below the top that have their own {@code properties}: at spec {@code path} ({@code []} = each
     * array item), {@code fields} go under that object's {@code properties} (subnet delegations' serviceName).
     */
    public record NestedProperties(String path, List<String> fields) {
    }

    /** Spec fields that belong to Kubernetes only and never reach ARM. */
    public static final Set<String> KUBERNETES_ONLY = Set.of("azureName", "owner", "operatorSpec");

    /** Owner kind reference: a group and kind in the same namespace. */
    public record OwnerKind(String group, String kind) {
    }

    public String apiGroupVersion() {
        return group + "/" + version;
    }

    /** {@code kind.group}, unique across all kinds; also the event-bus and log name of the kind. */
    public String id() {
        return kind + "." + group;
    }

    public String crdName() {
        return plural + "." + group;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    public List<String> requiredSpecFields() {
        return specSchema.getJsonArray("required", new io.vertx.core.json.JsonArray()).stream()
                .map(Object::toString).toList();
    }
}
