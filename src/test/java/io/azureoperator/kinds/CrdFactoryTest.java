package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void schemaIsStructural() {
        for (KindDescriptor k : List.of(rg, vnet)) {
            JSONSchemaProps root = onlyVersion(CrdFactory.crd(k)).getSchema().getOpenAPIV3Schema();
            List<String> untyped = new ArrayList<>();
            walk("", root, untyped);
            assertThat(untyped).as(k.kind() + " properties without a type").isEmpty();
        }
    }

    private static void walk(String path, JSONSchemaProps s, List<String> untyped) {
        boolean preserve = Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields());
        boolean intOrString = Boolean.TRUE.equals(s.getXKubernetesIntOrString());
        if (s.getType() == null && !preserve && !intOrString) {
            untyped.add(path.isEmpty() ? "<root>" : path);
        }
        if (s.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> e : s.getProperties().entrySet()) {
                walk(path + "." + e.getKey(), e.getValue(), untyped);
            }
        }
        if (s.getItems() != null && s.getItems().getSchema() != null) {
            walk(path + "[]", s.getItems().getSchema(), untyped);
        }
        if (s.getAdditionalProperties() != null && s.getAdditionalProperties().getSchema() != null) {
            walk(path + "{}", s.getAdditionalProperties().getSchema(), untyped);
        }
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
        assertThat(owner.getProperties().keySet()).containsExactlyInAnyOrder("name", "armId");
        assertThat(vnetSpec.getRequired()).containsExactlyInAnyOrder("location", "owner");
        assertThat(vnetSpec.getProperties().get("addressSpace").getProperties().get("addressPrefixes").getType())
                .isEqualTo("array");
    }

    @Test
    void yamlIsGeneratedWithHeader() {
        String yaml = CrdFactory.yaml(rg);
        assertThat(yaml).startsWith("# Generated").contains("kind: \"CustomResourceDefinition\"")
                .contains("resourcegroups.resources.azure.com");
        assertThat(CrdFactory.fileName(rg)).isEqualTo("resources.azure.com_resourcegroups.yaml");
    }
}
