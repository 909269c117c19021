package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrdFactoryTest {
    private static final String READY = ".status.conditions[?(@.type=='Ready')]";

    private final KindDescriptor rg = KindRegistry.builtIn().find("resources.azure.com", "ResourceGroup").orElseThrow();
    private final KindDescriptor vnet = KindsTestData.vnet();

    private static CustomResourceDefinitionVersion onlyVersion(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        return crd.getSpec().getVersions().get(0);
    }

    @Test
    void namesAndVersion() {
        CustomResourceDefinition crd = CrdFactory.crd(rg);
        assertThat(crd.getMetadata().getName()).isEqualTo("resourcegroups.resources.azure.com");
        assertThat(crd.getSpec().getGroup()).isEqualTo("resources.azure.com");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ResourceGroup");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("resourcegroups");
        CustomResourceDefinitionVersion v = onlyVersion(crd);
        assertThat(v.getName()).isEqualTo("v1api20200601");
        assertThat(v.getServed()).isTrue();
        assertThat(v.getStorage()).isTrue();
        assertThat(v.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void printerColumnsReadTheReadyCondition() {
        List<CustomResourceColumnDefinition> columns = onlyVersion(CrdFactory.crd(vnet)).getAdditionalPrinterColumns();
        assertThat(columns).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Ready", "Severity", "Reason", "Message");
        assertThat(columns).extracting(CustomResourceColumnDefinition::getJsonPath).containsExactly(
                READY + ".status", READY + ".severity", READY + ".reason", READY + ".message");
        assertThat(columns).extracting(CustomResourceColumnDefinition::getType).containsOnly("string");
    }

    /**
     * Every committed CRD (k8s/crds/) has a structural schema, as the API server requires of apiextensions/v1: a
     * type on every node (x-kubernetes-int-or-string and x-kubernetes-preserve-unknown-fields nodes excepted), items
     * on every array, never properties and additionalProperties together, nothing the API refuses ($ref,
     * definitions, dependencies, id, patternProperties, uniqueItems, items as a list), logical junctors
     * (allOf/anyOf/oneOf/not) without type, description, default, additionalProperties or nullable, and metadata
     * without restrictions. Unknown fields are preserved only where meant: under status (it mirrors ARM), at
     * spec.operatorSpec, and on spec objects that model no property of their own (passed to ARM as written);
     * anywhere else in spec a typo must be pruned (and so reported by the diff), not kept.
     */
    @Test
    void everyCommittedCrdSchemaIsStructural() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("k8s", "crds"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSize(KindRegistry.builtIn().all().size());
        for (Path file : files) {
            CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file),
                    CustomResourceDefinition.class);
            for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                JSONSchemaProps root = v.getSchema().getOpenAPIV3Schema();
                List<String> problems = new ArrayList<>();
                assertThat(root.getType()).as(file + ": root type").isEqualTo("object");
                structural("", root, false, problems);
                JSONSchemaProps metadata = root.getProperties().get("metadata");
                if (metadata != null) {
                    assertThat(metadata.getProperties()).as(file + ": metadata restrictions").isNullOrEmpty();
                }
                assertThat(root.getProperties().get("status").getXKubernetesPreserveUnknownFields())
                        .as(file + ": status preserves what ARM returns").isTrue();
                assertThat(problems).as(file + " " + v.getName() + ": not structural").isEmpty();
            }
        }
    }

    private static void structural(String path, JSONSchemaProps s, boolean inJunctor, List<String> out) {
        String at = path.isEmpty() ? "<root>" : path;
        Boolean preserve = s.getXKubernetesPreserveUnknownFields();
        boolean intOrString = Boolean.TRUE.equals(s.getXKubernetesIntOrString());
        boolean hasProperties = s.getProperties() != null && !s.getProperties().isEmpty();
        if (inJunctor) {
            if (s.getType() != null || s.getDescription() != null || s.getDefault() != null
                    || s.getAdditionalProperties() != null || Boolean.TRUE.equals(s.getNullable())) {
                out.add(at + ": type, description, default, additionalProperties or nullable inside a junctor");
            }
        } else if (s.getType() == null && !Boolean.TRUE.equals(preserve) && !intOrString) {
            out.add(at + ": no type");
        }
        if (intOrString && s.getType() != null) {
            out.add(at + ": x-kubernetes-int-or-string with a type");
        }
        if ("array".equals(s.getType()) && (s.getItems() == null || s.getItems().getSchema() == null)) {
            out.add(at + ": array without a single items schema");
        }
        if (hasProperties && s.getAdditionalProperties() != null) {
            out.add(at + ": properties and additionalProperties together");
        }
        if (s.get$ref() != null || !empty(s.getDefinitions()) || !empty(s.getDependencies()) || s.getId() != null
                || !empty(s.getPatternProperties()) || Boolean.TRUE.equals(s.getUniqueItems())
                || s.getAdditionalItems() != null
                || s.getItems() != null && s.getItems().getJSONSchemas() != null
                && !s.getItems().getJSONSchemas().isEmpty()) {
            out.add(at + ": $ref, definitions, dependencies, id, patternProperties, uniqueItems, additionalItems or a list of items");
        }
        if (Boolean.FALSE.equals(preserve)) {
            out.add(at + ": x-kubernetes-preserve-unknown-fields must be true or absent");
        }
        if (Boolean.TRUE.equals(preserve) && !preserveIntended(path, s)) {
            out.add(at + ": x-kubernetes-preserve-unknown-fields where the spec's fields are modelled");
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((k, v) -> structural(path + "." + k, v, inJunctor, out));
        }
        if (s.getItems() != null && s.getItems().getSchema() != null) {
            structural(path + "[]", s.getItems().getSchema(), inJunctor, out);
        }
        if (s.getAdditionalProperties() != null && s.getAdditionalProperties().getSchema() != null) {
            structural(path + "{}", s.getAdditionalProperties().getSchema(), inJunctor, out);
        }
        for (List<JSONSchemaProps> junctor : java.util.Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
            if (junctor != null) {
                junctor.forEach(j -> structural(path + "(junctor)", j, true, out));
            }
        }
        if (s.getNot() != null) {
            structural(path + "(not)", s.getNot(), true, out);
        }
    }

    private static boolean empty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    private static boolean preserveIntended(String path, JSONSchemaProps s) {
        if (path.equals(".status") || path.startsWith(".status.") || path.equals(".spec.operatorSpec")) {
            return true;
        }
        return path.startsWith(".spec.") && "object".equals(s.getType())
                && (s.getProperties() == null || s.getProperties().isEmpty());
    }

    @Test
    void statusPreservesUnknownFieldsAndHasConditions() {
        JSONSchemaProps status = CrdFactory.schema(rg).getProperties().get("status");
        assertThat(status.getType()).isEqualTo("object");
        assertThat(status.getXKubernetesPreserveUnknownFields()).isTrue();
        JSONSchemaProps conditions = status.getProperties().get("conditions");
        assertThat(conditions.getType()).isEqualTo("array");
        assertThat(conditions.getItems().getSchema().getProperties().keySet()).contains("type", "status",
                "severity", "reason", "message", "observedGeneration", "lastTransitionTime");
        assertThat(status.getProperties().get("id").getType()).isEqualTo("string");
        JSONSchemaProps nextSync = status.getProperties().get(io.azureoperator.reconcile.SyncSchedule.STATUS_FIELD);
        assertThat(nextSync.getType()).isEqualTo("string");
        assertThat(nextSync.getFormat()).isEqualTo("date-time");
        assertThat(status.getProperties()).containsKey("provisioningState");
    }

    @Test
    void ownerOnlyForOwnedKinds() {
        JSONSchemaProps rgSpec = CrdFactory.schema(rg).getProperties().get("spec");
        assertThat(rgSpec.getProperties()).containsKeys("azureName", "operatorSpec", "location", "tags");
        assertThat(rgSpec.getProperties()).doesNotContainKey("owner");
        assertThat(rgSpec.getRequired()).containsExactly("location");

        JSONSchemaProps vnetSpec = CrdFactory.schema(vnet).getProperties().get("spec");
        JSONSchemaProps owner = vnetSpec.getProperties().get("owner");
        assertThat(owner.getType()).isEqualTo("object");
        assertThat(owner.getProperties().keySet()).containsExactlyInAnyOrder("name", "namespace", "armId");
        assertThat(vnetSpec.getRequired()).containsExactlyInAnyOrder("location", "owner");
        assertThat(vnetSpec.getProperties().get("addressSpace").getProperties().get("addressPrefixes").getType())
                .isEqualTo("array");
    }

    @Test
    void ownersAndEveryReferenceDeclareANamespaceSoTheApiServerKeepsItForTheOperatorToReject() {
        int references = 0;
        for (KindDescriptor k : KindRegistry.builtIn().all()) {
            JSONSchemaProps spec = CrdFactory.schema(k).getProperties().get("spec");
            if (k.owner().isPresent()) {
                assertThat(spec.getProperties().get("owner").getProperties()).as(k.kind()).containsKey("namespace");
            }
            List<String> missing = new ArrayList<>();
            references += referencesWithoutNamespace("spec", spec, missing);
            assertThat(missing).as(k.kind() + " reference schemas without namespace").isEmpty();
        }
        assertThat(references).as("reference schemas found").isGreaterThanOrEqualTo(17);

        KindDescriptor subnet = KindRegistry.builtIn().find("network.azure.com", "VirtualNetworksSubnet").orElseThrow();
        io.vertx.core.json.JsonObject crossNamespace = new io.vertx.core.json.JsonObject(Map.of(
                "owner", Map.of("name", "vnet", "namespace", "other"),
                "networkSecurityGroup", Map.of("reference", Map.of("group", "network.azure.com",
                        "kind", "NetworkSecurityGroup", "name", "nsg", "namespace", "other"))));
        assertThat(SpecValidator.reportingUnknownFields().validate(subnet, crossNamespace))
                .as("nothing the API server would prune").isEmpty();
    }

    /** Counts the reference schemas (objects with group, kind and name) under {@code s}; lists those lacking namespace. */
    private static int referencesWithoutNamespace(String path, JSONSchemaProps s, List<String> missing) {
        int found = 0;
        Map<String, JSONSchemaProps> props = s.getProperties() == null ? Map.of() : s.getProperties();
        if (props.keySet().containsAll(List.of("group", "kind", "name"))) {
            found++;
            if (!props.containsKey("namespace")) {
                missing.add(path);
            }
        }
        for (Map.Entry<String, JSONSchemaProps> e : props.entrySet()) {
            found += referencesWithoutNamespace(path + "." + e.getKey(), e.getValue(), missing);
        }
        if (s.getItems() != null && s.getItems().getSchema() != null) {
            found += referencesWithoutNamespace(path + "[]", s.getItems().getSchema(), missing);
        }
        return found;
    }

    @Test
    void yamlIsGeneratedWithHeader() {
        String yaml = CrdFactory.yaml(rg);
        assertThat(yaml).startsWith("# Generated").contains("kind: \"CustomResourceDefinition\"")
                .contains("resourcegroups.resources.azure.com");
        assertThat(CrdFactory.fileName(rg)).isEqualTo("resources.azure.com_resourcegroups.yaml");
    }
}
