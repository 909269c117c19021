package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KindRegistryTest {

    @Test
    void builtInLoadsResourceGroup() {
        KindRegistry registry = KindRegistry.builtIn();
        KindDescriptor rg = registry.find("resources.azure.com", "ResourceGroup").orElseThrow();
        assertThat(rg.version()).isEqualTo("v1api20200601");
        assertThat(rg.plural()).isEqualTo("resourcegroups");
        assertThat(rg.armType()).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(rg.apiVersion()).isEqualTo("2020-06-01");
        assertThat(rg.owner()).isEmpty();
        assertThat(rg.envelope()).contains("location", "tags");
        assertThat(rg.requiredSpecFields()).containsExactly("location");
        assertThat(rg.apiGroupVersion()).isEqualTo("resources.azure.com/v1api20200601");
        assertThat(rg.crdName()).isEqualTo("resourcegroups.resources.azure.com");
        assertThat(rg.id()).isEqualTo("ResourceGroup.resources.azure.com");
        assertThat(registry.find("resources.azure.com", "Nope")).isEmpty();
        assertThat(registry.find("network.azure.com", "ResourceGroup")).isEmpty();
    }

    @Test
    void parsesOwnerAndEnvelope() {
        KindDescriptor vnet = KindsTestData.vnet();
        assertThat(vnet.owner()).contains(new KindDescriptor.OwnerKind("resources.azure.com", "ResourceGroup"));
        assertThat(vnet.envelope()).containsExactly("location", "tags", "extendedLocation");
        assertThat(vnet.apiVersion()).isEqualTo("2020-11-01");
        assertThat(vnet.context().getPlural()).isEqualTo("virtualnetworks");
        assertThat(vnet.context().isNamespaceScoped()).isTrue();
    }

    @Test
    void missingRequiredKeyNamesFileAndKey() {
        String yaml = KindsTestData.VNET_YAML.replace("armType: Microsoft.Network/virtualNetworks\n", "");
        assertThatThrownBy(() -> KindRegistry.parse("broken.yaml", yaml))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("armType");
    }

    @Test
    void ownerWithoutKindIsRejected() {
        String yaml = KindsTestData.VNET_YAML.replace("owner: {group: resources.azure.com, kind: ResourceGroup}",
                "owner: {group: resources.azure.com}");
        assertThatThrownBy(() -> KindRegistry.parse("o.yaml", yaml)).hasMessageContaining("kind");
    }

    @Test
    void invalidYamlIsRejected() {
        assertThatThrownBy(() -> KindRegistry.parse("bad.yaml", "group: [unclosed"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad.yaml");
    }
}
