package io.azureoperator.kinds;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds each kind's CustomResourceDefinition from its {@link KindDescriptor}: the kind's own schema plus
 * the fields every kind shares (azureName, owner, operatorSpec, status.conditions) and the READY,
 * SEVERITY, REASON, MESSAGE printer columns. The YAML in {@code k8s/crds/} is written from this and
 * nothing else.
 */
public final class CrdFactory {
    private static final String READY = ".status.conditions[?(@.type=='Ready')]";

    private CrdFactory() {
    }

    public static CustomResourceDefinition crd(KindDescriptor k) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(k.crdName()).endMetadata()
                .withNewSpec()
                .withGroup(k.group())
                .withScope("Namespaced")
                .withNewNames()
                .withKind(k.kind())
                .withListKind(k.kind() + "List")
                .withPlural(k.plural())
                .withSingular(k.kind().toLowerCase(Locale.ROOT))
                .withCategories("azure", k.group().substring(0, k.group().indexOf('.')))
                .endNames()
                .addNewVersion()
                .withName(k.version())
                .withServed(true)
                .withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withAdditionalPrinterColumns(columns())
                .withNewSchema().withOpenAPIV3Schema(schema(k)).endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    /** The CRD as YAML, as committed in {@code k8s/crds/}. */
    public static String yaml(KindDescriptor k) {
        return "# Generated from src/main/resources/kinds/ by `java -jar target/azure-operator.jar crds k8s/crds`.\n"
                + "# Do not edit: change the kind file and regenerate.\n"
                + Serialization.asYaml(crd(k));
    }

    public static String fileName(KindDescriptor k) {
        return k.group() + "_" + k.plural() + ".yaml";
    }

    static JSONSchemaProps schema(KindDescriptor k) {
        JsonObject spec = new JsonObject().put("type", "object");
        JsonObject specProps = new JsonObject()
                .put("azureName", new JsonObject().put("type", "string").put("description",
                        "Name of the resource in Azure; defaults to metadata.name."));
        if (k.owner().isPresent()) {
            specProps.put("owner", new JsonObject().put("type", "object")
                    .put("description", "The owner in Kubernetes (" + k.owner().get().kind()
                            + " in the same namespace) by name, or any Azure resource by armId.")
                    .put("properties", new JsonObject()
                            .put("name", new JsonObject().put("type", "string"))
                            .put("namespace", new JsonObject().put("type", "string").put("description",
                                    "Must be this resource's namespace if given (an owner in another namespace is "
                                            + "rejected)."))
                            .put("armId", new JsonObject().put("type", "string"))));
        }
        specProps.put("operatorSpec", new JsonObject().put("type", "object")
                .put("description", "Settings for the operator itself (exports to Secrets and ConfigMaps).")
                .put("x-kubernetes-preserve-unknown-fields", true));
        specProps.mergeIn(k.specSchema().getJsonObject("properties", new JsonObject()));
        spec.put("properties", specProps);
        JsonArray required = new JsonArray(new ArrayList<>(k.requiredSpecFields()));
        if (k.owner().isPresent()) {
            required.add("owner");
        }
        if (!required.isEmpty()) {
            spec.put("required", required);
        }

        JsonObject condition = new JsonObject().put("type", "object")
                .put("required", new JsonArray().add("type").add("status"))
                .put("properties", new JsonObject()
                        .put("type", str()).put("status", str()).put("severity", str()).put("reason", str())
                        .put("message", str()).put("observedGeneration", new JsonObject().put("type", "integer"))
                        .put("lastTransitionTime", new JsonObject().put("type", "string").put("format", "date-time")));
        JsonObject statusProps = new JsonObject()
                .put("conditions", new JsonObject().put("type", "array").put("items", condition))
                .put("id", new JsonObject().put("type", "string").put("description", "The ARM ID of the resource."))
                // reconcile.SyncSchedule.STATUS_FIELD (kinds does not depend on reconcile)
                .put("nextSyncTime", new JsonObject().put("type", "string").put("format", "date-time")
                        .put("description", "When the operator next compares the resource with Azure"
                                + " (AZURE_SYNC_PERIOD); recorded with each status write."));
        statusProps.mergeIn(k.statusSchema().getJsonObject("properties", new JsonObject()));
        JsonObject status = new JsonObject().put("type", "object")
                .put("x-kubernetes-preserve-unknown-fields", true)
                .put("properties", statusProps);

        JsonObject root = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("apiVersion", str()).put("kind", str()).put("metadata", new JsonObject().put("type", "object"))
                .put("spec", spec).put("status", status));
        return Serialization.unmarshal(((JsonObject) withoutOperatorExtensions(root)).encode(),
                JSONSchemaProps.class);
    }

    /** Kind files may mark fields with {@code x-azure-*} hints for the operator; a CRD schema must not carry them. */
    static Object withoutOperatorExtensions(Object node) {
        if (node instanceof JsonObject o) {
            JsonObject out = new JsonObject();
            o.fieldNames().stream().filter(f -> !f.startsWith("x-azure-"))
                    .forEach(f -> out.put(f, withoutOperatorExtensions(o.getValue(f))));
            return out;
        }
        if (node instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(v -> out.add(withoutOperatorExtensions(v)));
            return out;
        }
        return node;
    }

    private static JsonObject str() {
        return new JsonObject().put("type", "string");
    }

    private static List<CustomResourceColumnDefinition> columns() {
        return List.of(
                column("Ready", READY + ".status"),
                column("Severity", READY + ".severity"),
                column("Reason", READY + ".reason"),
                column("Message", READY + ".message"));
    }

    private static CustomResourceColumnDefinition column(String name, String path) {
        return new CustomResourceColumnDefinitionBuilder().withName(name).withType("string").withJsonPath(path).build();
    }
}
