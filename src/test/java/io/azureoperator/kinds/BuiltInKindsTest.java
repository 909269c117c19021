package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The seven built-in kinds against SPEC §3, and every sample in k8s/samples/ against its generated CRD. */
class BuiltInKindsTest {
    private static final Path CRDS = Path.of("k8s", "crds");
    private static final Path SAMPLES = Path.of("k8s", "samples");

    /** SPEC §3: apiVersion, kind, ARM type, api-version. */
    private static final List<List<String>> TABLE = List.of(
            List.of("resources.azure.com/v1api20200601", "ResourceGroup", "Microsoft.Resources/resourceGroups", "2020-06-01"),
            List.of("network.azure.com/v1api20201101", "VirtualNetwork", "Microsoft.Network/virtualNetworks", "2020-11-01"),
            List.of("network.azure.com/v1api20201101", "VirtualNetworksSubnet",
                    "Microsoft.Network/virtualNetworks/subnets", "2020-11-01"),
            List.of("network.azure.com/v1api20201101", "NetworkSecurityGroup",
                    "Microsoft.Network/networkSecurityGroups", "2020-11-01"),
            List.of("network.azure.com/v1api20201101", "PublicIPAddress", "Microsoft.Network/publicIPAddresses",
                    "2020-11-01"),
            List.of("storage.azure.com/v1api20230101", "StorageAccount", "Microsoft.Storage/storageAccounts",
                    "2023-01-01"),
            List.of("managedidentity.azure.com/v1api20230131", "UserAssignedIdentity",
                    "Microsoft.ManagedIdentity/userAssignedIdentities", "2023-01-31"));

    private final KindRegistry registry = KindRegistry.builtIn();

    @Test
    void theSevenKindsMatchTheSpecTable() {
        assertThat(registry.all()).hasSize(7);
        assertThat(registry.all().get(0).kind()).as("resourcegroup.yaml stays first").isEqualTo("ResourceGroup");
        for (List<String> row : TABLE) {
            String group = row.get(0).substring(0, row.get(0).indexOf('/'));
            KindDescriptor k = registry.find(group, row.get(1)).orElseThrow(() -> new AssertionError("no " + row));
            assertThat(k.apiGroupVersion()).isEqualTo(row.get(0));
            assertThat(k.armType()).isEqualTo(row.get(2));
            assertThat(k.apiVersion()).isEqualTo(row.get(3));
            assertThat(k.plural()).isEqualTo(k.kind().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("y$", "ie").replaceAll("ss$", "sse") + "s");
        }
    }

    @Test
    void ownersAndEnvelopes() {
        KindDescriptor.OwnerKind rg = new KindDescriptor.OwnerKind("resources.azure.com", "ResourceGroup");
        assertThat(kind("network.azure.com", "VirtualNetwork").owner()).contains(rg);
        assertThat(kind("network.azure.com", "VirtualNetworksSubnet").owner())
                .contains(new KindDescriptor.OwnerKind("network.azure.com", "VirtualNetwork"));
        assertThat(kind("network.azure.com", "VirtualNetworksSubnet").envelope()).isEmpty();
        assertThat(kind("network.azure.com", "NetworkSecurityGroup").owner()).contains(rg);
        assertThat(kind("network.azure.com", "PublicIPAddress").envelope())
                .containsExactly("location", "tags", "sku", "zones", "extendedLocation");
        assertThat(kind("storage.azure.com", "StorageAccount").envelope())
                .containsExactly("location", "tags", "sku", "kind", "identity", "extendedLocation");
        assertThat(kind("storage.azure.com", "StorageAccount").requiredSpecFields())
                .containsExactlyInAnyOrder("location", "sku", "kind");
        assertThat(kind("managedidentity.azure.com", "UserAssignedIdentity").envelope())
                .containsExactly("location", "tags");
        // every envelope field is declared in the spec schema
        for (KindDescriptor k : registry.all()) {
            JsonObject props = k.specSchema().getJsonObject("properties", new JsonObject());
            assertThat(props.fieldNames()).as(k.kind()).containsAll(k.envelope());
            assertThat(props.fieldNames()).as(k.kind() + ": the subnets of a VNet are their own kind")
                    .doesNotContain("subnets", "securityRules");
        }
    }

    @Test
    void everyCrdIsStructuralWithTheKindSpecificRules() throws IOException {
        for (KindDescriptor k : registry.all()) {
            List<String> untyped = new ArrayList<>();
            untyped(k.kind(), schema(k), untyped);
            assertThat(untyped).as("properties without a type").isEmpty();
        }
        JSONSchemaProps azureName = schema(kind("storage.azure.com", "StorageAccount"))
                .getProperties().get("spec").getProperties().get("azureName");
        assertThat(azureName.getMinLength()).isEqualTo(3L);
        assertThat(azureName.getMaxLength()).isEqualTo(24L);
        assertThat(azureName.getPattern()).isEqualTo("^[a-z0-9]+$");
        JSONSchemaProps subnetNsg = schema(kind("network.azure.com", "VirtualNetworksSubnet"))
                .getProperties().get("spec").getProperties().get("networkSecurityGroup");
        assertThat(subnetNsg.getProperties().keySet()).containsExactlyInAnyOrder("reference", "armId");
        assertThat(subnetNsg.getProperties().get("reference").getProperties().keySet())
                .containsExactlyInAnyOrder("group", "kind", "name", "namespace", "armId");
    }

    @Test
    void everySampleIsValidAgainstItsGeneratedCrd() throws IOException {
        List<Map<String, Object>> samples = samples();
        Set<String> seen = samples.stream().map(s -> s.get("kind").toString()).collect(Collectors.toSet());
        assertThat(seen).as("a sample per kind").containsExactlyInAnyOrderElementsOf(
                registry.all().stream().map(KindDescriptor::kind).toList());
        for (Map<String, Object> sample : samples) {
            JsonObject s = new JsonObject(sample);
            String apiVersion = s.getString("apiVersion");
            KindDescriptor k = kind(apiVersion.substring(0, apiVersion.indexOf('/')), s.getString("kind"));
            assertThat(apiVersion).isEqualTo(k.apiGroupVersion());
            JsonObject meta = s.getJsonObject("metadata");
            assertThat(meta.getString("namespace")).isEqualTo("default");
            assertThat(SpecValidator.reportingUnknownFields().validate(k, s.getJsonObject("spec"),
                    meta.getString("name"))).as(meta.getString("name")).isEmpty();
        }
    }

    @Test
    void samplesWorkTogether() throws IOException {
        Map<String, JsonObject> byName = samples().stream().map(JsonObject::new)
                .collect(Collectors.toMap(s -> s.getJsonObject("metadata").getString("name"), s -> s));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("aso-sample-rg", "samplevnet", "samplesubnet",
                "samplensg", "samplepublicip", "samplestorage", "sampleidentity");
        for (JsonObject s : byName.values()) {
            String apiVersion = s.getString("apiVersion");
            KindDescriptor k = kind(apiVersion.substring(0, apiVersion.indexOf('/')), s.getString("kind"));
            if (k.owner().isPresent()) {
                JsonObject owner = byName.get(s.getJsonObject("spec").getJsonObject("owner").getString("name"));
                assertThat(owner).as(s.getJsonObject("metadata").getString("name") + "'s owner").isNotNull();
                assertThat(owner.getString("kind")).isEqualTo(k.owner().get().kind());
                assertThat(owner.getString("apiVersion")).startsWith(k.owner().get().group() + "/");
            }
        }
        // SPEC §3 examples, exactly
        JsonObject subnet = byName.get("samplesubnet").getJsonObject("spec");
        assertThat(subnet).isEqualTo(new JsonObject()
                .put("owner", new JsonObject().put("name", "samplevnet"))
                .put("addressPrefix", "10.0.0.0/24")
                .put("networkSecurityGroup", new JsonObject().put("reference", new JsonObject()
                        .put("group", "network.azure.com").put("kind", "NetworkSecurityGroup").put("name", "samplensg"))));
        assertThat(byName.get("samplensg").getString("kind")).isEqualTo("NetworkSecurityGroup");
        JsonObject storage = byName.get("samplestorage").getJsonObject("spec");
        assertThat(storage).isEqualTo(new JsonObject()
                .put("location", "westcentralus")
                .put("owner", new JsonObject().put("name", "aso-sample-rg"))
                .put("kind", "StorageV2")
                .put("sku", new JsonObject().put("name", "Standard_LRS"))
                .put("accessTier", "Hot")
                .put("operatorSpec", new JsonObject().put("secrets", new JsonObject()
                        .put("key1", new JsonObject().put("name", "samplestorage-keys").put("key", "key1"))
                        .put("blobEndpoint",
                                new JsonObject().put("name", "samplestorage-keys").put("key", "blobEndpoint")))));
        JsonObject pip = byName.get("samplepublicip").getJsonObject("spec");
        assertThat(pip.getJsonObject("sku").getString("name")).isEqualTo("Standard");
        assertThat(pip.getString("publicIPAllocationMethod")).isEqualTo("Static");
        JsonObject cm = byName.get("sampleidentity").getJsonObject("spec").getJsonObject("operatorSpec")
                .getJsonObject("configMaps");
        assertThat(cm.fieldNames()).containsExactlyInAnyOrder("principalId", "clientId", "tenantId");
        cm.forEach(e -> assertThat(((JsonObject) e.getValue()).getString("name")).isEqualTo("sampleidentity-cm"));
    }

    @Test
    void vnetSampleBecomesTheArmBody() throws IOException {
        JsonObject vnet = samples().stream().map(JsonObject::new)
                .filter(s -> s.getString("kind").equals("VirtualNetwork")).findFirst().orElseThrow();
        JsonObject body = ArmBodies.fromSpec(kind("network.azure.com", "VirtualNetwork"), vnet.getJsonObject("spec"));
        assertThat(body).isEqualTo(new JsonObject()
                .put("location", "westcentralus")
                .put("properties", new JsonObject().put("addressSpace",
                        new JsonObject().put("addressPrefixes", new JsonArray().add("10.0.0.0/16")))));
    }

    @Test
    void theValidatorRejectsWhatTheApiServerWould() {
        KindDescriptor storage = kind("storage.azure.com", "StorageAccount");
        SpecValidator validator = SpecValidator.reportingUnknownFields();
        assertThat(validator.validate(storage, new JsonObject()
                .put("azureName", "Sample_Storage")
                .put("location", 1)
                .put("owner", new JsonObject().put("name", "rg"))
                .put("kind", "StorageV3")
                .put("sku", new JsonObject().put("tier", "Standard"))
                .put("allowBlobPublicAccess", "yes")
                .put("typo", true))).containsExactlyInAnyOrder(
                "spec.azureName 'Sample_Storage' does not match ^[a-z0-9]+$",
                "spec.location must be a string",
                "spec.kind is 'StorageV3'; allowed: BlobStorage, BlockBlobStorage, FileStorage, Storage, StorageV2",
                "spec.sku.name is required",
                "spec.allowBlobPublicAccess must be a boolean",
                "spec.typo is not in the schema (the API server would drop it)");
        assertThat(validator.validate(storage, new JsonObject().put("azureName", "ab"))).contains(
                "spec.azureName is shorter than 3 characters", "spec.location is required", "spec.owner is required",
                "spec.sku is required", "spec.kind is required");
        assertThat(new SpecValidator().validate(storage, new JsonObject().put("typo", true)))
                .as("the operator leaves unknown fields to the API server").noneMatch(e -> e.contains("typo"));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private KindDescriptor kind(String group, String kind) {
        return registry.find(group, kind).orElseThrow(() -> new AssertionError("no kind " + kind + "." + group));
    }

    /** The openAPIV3Schema of the committed (generated) CRD file. */
    private static JSONSchemaProps schema(KindDescriptor k) throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(CRDS.resolve(CrdFactory.fileName(k))), CustomResourceDefinition.class);
        return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> samples() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
                    if (!doc.isBlank()) {
                        out.add(Serialization.unmarshal(doc, Map.class));
                    }
                }
            }
        }
        return out;
    }

    private static void untyped(String path, JSONSchemaProps s, List<String> out) {
        boolean preserve = Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields());
        if (s.getType() == null && !preserve && !Boolean.TRUE.equals(s.getXKubernetesIntOrString())) {
            out.add(path);
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((name, p) -> untyped(path + "." + name, p, out));
        }
        if (s.getItems() != null && s.getItems().getSchema() != null) {
            untyped(path + "[]", s.getItems().getSchema(), out);
        }
        if (s.getAdditionalProperties() != null && s.getAdditionalProperties().getSchema() != null) {
            untyped(path + "{}", s.getAdditionalProperties().getSchema(), out);
        }
    }

    @Test
    void theAzureNameRulesApplyToMetadataNameWhenThereIsNoAzureName() {
        SpecValidator validator = new SpecValidator();
        KindDescriptor storage = kind("storage.azure.com", "StorageAccount");
        JsonObject spec = new JsonObject().put("location", "westcentralus").put("kind", "StorageV2")
                .put("sku", new JsonObject().put("name", "Standard_LRS"))
                .put("owner", new JsonObject().put("name", "rg"));
        assertThat(validator.validate(storage, spec, "samplestorage")).isEmpty();
        assertThat(validator.validate(storage, spec, "sample-storage")).singleElement().asString()
                .contains("metadata.name 'sample-storage' does not match ^[a-z0-9]+$").contains("spec.azureName");
        assertThat(validator.validate(storage, spec.copy().put("azureName", "samplestorage"), "sample-storage"))
                .as("a valid azureName is the Azure name").isEmpty();

        KindDescriptor rg = kind("resources.azure.com", "ResourceGroup");
        JsonObject rgSpec = new JsonObject().put("location", "westcentralus");
        for (String good : List.of("aso-sample-rg", "a", "My_RG.(test)", "r".repeat(90))) {
            assertThat(validator.validate(rg, rgSpec.copy().put("azureName", good), "x")).as(good).isEmpty();
        }
        for (String bad : List.of("bad!", "rg.", "with space", "r".repeat(91), "a/b")) {
            assertThat(validator.validate(rg, rgSpec.copy().put("azureName", bad), "x")).as(bad).isNotEmpty();
        }
    }
}
