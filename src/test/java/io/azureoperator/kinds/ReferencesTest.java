package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    private static final String RG = "/subscriptions/s/resourceGroups/rg";
    private static final String NSG_ID = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg";
    private static final String UAI_ID = RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai";
    private static final String SUBNET_ID = RG + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/subnet";
    private final KindRegistry kinds = KindRegistry.builtIn();

    private static GenericKubernetesResource created(String name, String armId) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withAnnotations(Map.of(Annotations.RESOURCE_ID, armId)).endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("id", armId))).build();
    }

    private final References references = new References(kinds, (kind, key) -> switch (kind.kind() + "/" + key) {
        case "NetworkSecurityGroup/ns/nsg" -> Optional.of(created("nsg", NSG_ID));
        case "UserAssignedIdentity/ns/uai" -> Optional.of(created("uai", UAI_ID));
        case "VirtualNetworksSubnet/ns/subnet" -> Optional.of(created("subnet", SUBNET_ID));
        case "NetworkSecurityGroup/ns/claimed" -> Optional.of(new GenericKubernetesResourceBuilder()
                .withNewMetadata().withName("claimed").withNamespace("ns")
                .withAnnotations(Map.of(Annotations.RESOURCE_ID, NSG_ID)).endMetadata().build());
        default -> Optional.empty();
    });

    private KindDescriptor kind(String kind) {
        return kinds.all().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static JsonObject ref(String kind, String name) {
        return new JsonObject().put("reference", new JsonObject().put("group", kind.equals("UserAssignedIdentity")
                ? "managedidentity.azure.com" : "network.azure.com").put("kind", kind).put("name", name));
    }

    @Test
    void objectReferencesBecomeIdsAndArmIdsArePassedThrough() {
        JsonObject spec = new JsonObject().put("addressPrefix", "10.0.0.0/24")
                .put("networkSecurityGroup", ref("NetworkSecurityGroup", "nsg"))
                .put("routeTable", new JsonObject().put("reference", new JsonObject().put("armId", RG + "/providers/Microsoft.Network/routeTables/rt")));
        Resolution<JsonObject> r = references.resolve(kind("VirtualNetworksSubnet"), "ns", spec);
        assertThat(r).isInstanceOf(Resolution.Resolved.class);
        JsonObject out = ((Resolution.Resolved<JsonObject>) r).value();
        assertThat(out.getJsonObject("networkSecurityGroup")).isEqualTo(new JsonObject().put("id", NSG_ID));
        assertThat(out.getJsonObject("routeTable").getString("id")).endsWith("/routeTables/rt");
        assertThat(spec.getJsonObject("networkSecurityGroup").containsKey("reference")).as("input untouched").isTrue();
    }

    @Test
    void aReferenceToSomethingNotInAzureYetIsMissingWithItsDependency() {
        Resolution<JsonObject> absent = references.resolve(kind("VirtualNetworksSubnet"), "ns",
                new JsonObject().put("networkSecurityGroup", ref("NetworkSecurityGroup", "nope")));
        assertThat(absent).isInstanceOfSatisfying(Resolution.Waiting.class,
                m -> assertThat(m.dependency()).isEqualTo("NetworkSecurityGroup.network.azure.com/ns/nope"));
        Resolution<JsonObject> claimedOnly = references.resolve(kind("VirtualNetworksSubnet"), "ns",
                new JsonObject().put("networkSecurityGroup", ref("NetworkSecurityGroup", "claimed")));
        assertThat(claimedOnly).isInstanceOf(Resolution.Waiting.class);
    }

    @Test
    void crossNamespaceUnknownKindAndBadArmIdAreInvalid() {
        JsonObject cross = ref("NetworkSecurityGroup", "nsg");
        cross.getJsonObject("reference").put("namespace", "other");
        assertThat(references.resolve(kind("VirtualNetworksSubnet"), "ns", new JsonObject().put("networkSecurityGroup", cross)))
                .isInstanceOfSatisfying(Resolution.Invalid.class, i -> assertThat(i.message()).contains("namespace"));
        assertThat(references.resolve(kind("VirtualNetworksSubnet"), "ns",
                new JsonObject().put("natGateway", ref("NoSuchKind", "x"))))
                .isInstanceOfSatisfying(Resolution.Invalid.class, i -> assertThat(i.message()).contains("unknown kind"));
        assertThat(references.resolve(kind("VirtualNetworksSubnet"), "ns",
                new JsonObject().put("natGateway", new JsonObject().put("armId", "not-an-id"))))
                .isInstanceOf(Resolution.Invalid.class);
    }

    @Test
    void stringAndMapReferencesFollowTheKindFile() {
        JsonObject uai = ref("UserAssignedIdentity", "uai");
        JsonObject spec = new JsonObject()
                .put("identity", new JsonObject().put("type", "UserAssigned")
                        .put("userAssignedIdentities", new JsonArray().add(uai)))
                .put("encryption", new JsonObject().put("identity", new JsonObject()
                        .put("userAssignedIdentityReference", uai.getJsonObject("reference"))));
        Resolution<JsonObject> r = references.resolve(kind("StorageAccount"), "ns", spec);
        assertThat(r).isInstanceOf(Resolution.Resolved.class);
        JsonObject out = ((Resolution.Resolved<JsonObject>) r).value();
        assertThat(out.getJsonObject("identity").getJsonObject("userAssignedIdentities"))
                .isEqualTo(new JsonObject().put(UAI_ID, new JsonObject()));
        assertThat(out.getJsonObject("encryption").getJsonObject("identity"))
                .isEqualTo(new JsonObject().put("userAssignedIdentity", UAI_ID));
    }

    @Test
    void aDeclaredObjectReferenceNextToOtherFieldsBecomesAnIdAndKeepsThem() {
        JsonObject byName = new JsonObject().put("action", "Allow").put("reference", new JsonObject()
                .put("group", "network.azure.com").put("kind", "VirtualNetworksSubnet").put("name", "subnet"));
        String otherId = RG + "/providers/Microsoft.Network/virtualNetworks/other/subnets/s2";
        JsonObject byArmId = new JsonObject().put("armId", otherId).put("action", "Allow");
        JsonObject byNestedArmId = new JsonObject().put("action", "Allow")
                .put("reference", new JsonObject().put("armId", otherId));
        JsonObject spec = new JsonObject().put("networkAcls", new JsonObject().put("defaultAction", "Deny")
                .put("virtualNetworkRules", new JsonArray().add(byName).add(byArmId).add(byNestedArmId)));

        Resolution<JsonObject> r = references.resolve(kind("StorageAccount"), "ns", spec);

        assertThat(r).isInstanceOf(Resolution.Resolved.class);
        JsonObject acls = ((Resolution.Resolved<JsonObject>) r).value().getJsonObject("networkAcls");
        assertThat(acls.getString("defaultAction")).isEqualTo("Deny");
        assertThat(acls.getJsonArray("virtualNetworkRules")).containsExactly(
                new JsonObject().put("action", "Allow").put("id", SUBNET_ID),
                new JsonObject().put("id", otherId).put("action", "Allow"),
                new JsonObject().put("action", "Allow").put("id", otherId));
        assertThat(byName.containsKey("reference")).as("input untouched").isTrue();

        JsonObject missing = new JsonObject().put("networkAcls", new JsonObject().put("defaultAction", "Deny")
                .put("virtualNetworkRules", new JsonArray().add(new JsonObject().put("action", "Allow"))));
        assertThat(references.resolve(kind("StorageAccount"), "ns", missing))
                .isInstanceOfSatisfying(Resolution.Invalid.class, i -> assertThat(i.message())
                        .contains("spec.networkAcls.virtualNetworkRules[0]").contains("reference"));
        JsonObject waiting = new JsonObject().put("networkAcls", new JsonObject().put("virtualNetworkRules",
                new JsonArray().add(new JsonObject().put("action", "Allow").put("reference", new JsonObject()
                        .put("group", "network.azure.com").put("kind", "VirtualNetworksSubnet").put("name", "nope")))));
        assertThat(references.resolve(kind("StorageAccount"), "ns", waiting)).isInstanceOfSatisfying(
                Resolution.Waiting.class, w -> assertThat(w.dependency()).endsWith("/ns/nope"));
    }
}
