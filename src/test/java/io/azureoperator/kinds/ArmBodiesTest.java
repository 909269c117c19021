package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Bodies from src/test/resources/arm-fixtures/ (sources in its README.md). */
class ArmBodiesTest {
    private final KindDescriptor rg = KindRegistry.builtIn().find("resources.azure.com", "ResourceGroup").orElseThrow();
    private final KindDescriptor vnet = KindsTestData.vnet();

    @Test
    void resourceGroupSpecBecomesTheRecordedPutBody() {
        // Test_ResourceGroup_CRUD.yaml: PUT {"name","location","tags"}; name is in the URL, not needed in the body
        JsonObject recorded = Fixtures.json("rg-put-request.json");
        JsonObject spec = new JsonObject()
                .put("azureName", recorded.getString("name"))
                .put("location", recorded.getString("location"))
                .put("tags", recorded.getJsonObject("tags"))
                .put("operatorSpec", new JsonObject().put("secrets", new JsonObject()));

        JsonObject body = ArmBodies.fromSpec(rg, spec);

        JsonObject expected = recorded.copy();
        expected.remove("name");
        assertThat(body).isEqualTo(expected);
        assertThat(body.containsKey("properties")).as("no empty properties").isFalse();
    }

    @Test
    void vnetSpecIsFlattenedBackUnderProperties() {
        // VirtualNetworkCreateSubnet.json: parameters.parameters
        JsonObject recorded = Fixtures.json("vnet-put-request.json");
        JsonObject spec = new JsonObject()
                .put("azureName", "test-vnet")
                .put("owner", new JsonObject().put("name", "rg1"))
                .put("location", "eastus")
                .put("addressSpace", recorded.getJsonObject("properties").getJsonObject("addressSpace").copy())
                .put("subnets", recorded.getJsonObject("properties").getJsonArray("subnets").copy());

        JsonObject body = ArmBodies.fromSpec(vnet, spec);

        assertThat(body).isEqualTo(recorded);
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("location", "properties");
    }

    @Test
    void kubernetesOnlyFieldsAndNullsNeverReachArm() {
        JsonObject spec = new JsonObject()
                .put("azureName", "x")
                .put("owner", new JsonObject().put("armId", "/subscriptions/s/resourceGroups/rg"))
                .put("operatorSpec", new JsonObject())
                .put("location", "westus")
                .put("tags", null)
                .put("enableDdosProtection", false);
        JsonObject body = ArmBodies.fromSpec(vnet, spec);
        assertThat(body).isEqualTo(new JsonObject().put("location", "westus")
                .put("properties", new JsonObject().put("enableDdosProtection", false)));
    }

    @Test
    void fromSpecCopiesSoTheSpecIsNotShared() {
        JsonObject spec = new JsonObject().put("location", "w").put("addressSpace",
                new JsonObject().put("addressPrefixes", new JsonArray().add("10.0.0.0/16")));
        JsonObject body = ArmBodies.fromSpec(vnet, spec);
        body.getJsonObject("properties").getJsonObject("addressSpace").getJsonArray("addressPrefixes").add("x");
        assertThat(spec.getJsonObject("addressSpace").getJsonArray("addressPrefixes")).hasSize(1);
    }

    @Test
    void resourceGroupStatusMirrorsTheRecordedGet() {
        // Test_ResourceGroup_CRUD.yaml: GET 200
        JsonObject status = ArmBodies.toStatus(Fixtures.json("rg-get-response.json"));
        assertThat(status).isEqualTo(new JsonObject()
                .put("id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/asotest-rg-qwiiib")
                .put("name", "asotest-rg-qwiiib")
                .put("type", "Microsoft.Resources/resourceGroups")
                .put("location", "westus2")
                .put("tags", new JsonObject().put("CreatedAt", "2001-02-03T04:05:06Z"))
                .put("provisioningState", "Succeeded"));
    }

    @Test
    void vnetStatusIsFlattened() {
        // VirtualNetworkGet.json: responses.200.body
        JsonObject arm = Fixtures.json("vnet-get-response.json");
        JsonObject status = ArmBodies.toStatus(arm);
        assertThat(status.getString("id")).isEqualTo(arm.getString("id"));
        assertThat(status.getString("provisioningState")).isEqualTo("Succeeded");
        assertThat(status.getJsonObject("addressSpace").getJsonArray("addressPrefixes"))
                .containsExactly("10.0.0.0/16");
        assertThat(status.getJsonArray("subnets").getJsonObject(0).getString("name")).isEqualTo("subnet1");
        assertThat(status.getJsonArray("virtualNetworkPeerings")).isEmpty();
        assertThat(status.containsKey("properties")).isFalse();
        // the ARM body itself is not modified
        assertThat(arm.getJsonObject("properties").getString("provisioningState")).isEqualTo("Succeeded");
    }

    @Test
    void statusOfABodyWithoutPropertiesKeepsTopLevel() {
        JsonObject status = ArmBodies.toStatus(new JsonObject().put("id", "/x").put("location", "w"));
        assertThat(status).isEqualTo(new JsonObject().put("id", "/x").put("location", "w"));
    }

    @Test
    void roundTripSpecToArmToStatusKeepsFlattenedFields() {
        JsonObject spec = new JsonObject().put("location", "eastus")
                .put("addressSpace", new JsonObject().put("addressPrefixes", new JsonArray().add("10.0.0.0/16")));
        JsonObject status = ArmBodies.toStatus(ArmBodies.fromSpec(vnet, spec));
        assertThat(status).isEqualTo(spec);
    }
}
