package io.azureoperator.emulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArmNetworkTest extends ArmEmulatorTestBase {

    private static final String RG = "asotest-rg-wniggk";

    @BeforeEach
    void resourceGroup() {
        createResourceGroup(RG);
    }

    @Test
    void virtualNetworkPutIsAsyncThenGetHasRecordedShape() {
        JsonObject body = new JsonObject("""
                {"location":"westus2","name":"asotest-vn-bxrysz",
                 "properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/8"]}}}""");
        HttpResponse<Buffer> created = put(vnetPath(RG, "asotest-vn-bxrysz") + NET_API, body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.bodyAsJsonObject().getJsonObject("properties").getString("provisioningState"))
                .isEqualTo("Updating");
        String operation = created.getHeader("Azure-AsyncOperation");
        assertThat(operation).startsWith(arm.baseUrl() + "/subscriptions/" + SUB
                + "/providers/Microsoft.Network/locations/westus2/operations/").endsWith("?api-version=2020-11-01");
        assertThat(created.getHeader("x-ms-ratelimit-remaining-subscription-global-writes")).isNotNull();

        HttpResponse<Buffer> first = get(operation);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "InProgress"));
        assertThat(first.getHeader("x-ms-ratelimit-remaining-subscription-global-reads")).isNotNull();
        assertThat(get(operation).bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "Succeeded"));

        HttpResponse<Buffer> got = get(vnetPath(RG, "asotest-vn-bxrysz") + NET_API);
        JsonObject vnet = got.bodyAsJsonObject();
        assertThat(got.getHeader("ETag")).isEqualTo(vnet.getString("etag")).startsWith("W/\"");
        JsonObject recorded = fixture("virtual-network-get.json");
        assertThat(shape(vnet)).isEqualTo(shape(recorded));
        for (String same : new String[]{"id", "name", "type", "location"}) {
            assertThat(vnet.getValue(same)).isEqualTo(recorded.getValue(same));
        }
        JsonObject props = vnet.getJsonObject("properties");
        assertThat(props.getString("provisioningState")).isEqualTo("Succeeded");
        assertThat(props.getBoolean("enableDdosProtection")).isFalse();
        assertThat(props.getJsonArray("subnets")).isEmpty();
        assertThat(props.getJsonArray("virtualNetworkPeerings")).isEmpty();

        HttpResponse<Buffer> updated = put(vnetPath(RG, "asotest-vn-bxrysz") + NET_API, body);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.bodyAsJsonObject().getString("etag")).isNotEqualTo(vnet.getString("etag"));
        assertThat(updated.bodyAsJsonObject().getJsonObject("properties").getString("resourceGuid"))
                .isEqualTo(props.getString("resourceGuid"));
    }

    @Test
    void subnetWithoutParentIsParentResourceNotFound() {
        assertArmError(put(vnetPath(RG, "missing") + "/subnets/s1" + NET_API,
                        new JsonObject().put("properties", new JsonObject().put("addressPrefix", "10.0.0.0/24"))),
                404, "ParentResourceNotFound");
        assertArmError(put(vnetPath("no-such-rg", "v") + NET_API, new JsonObject().put("location", "westus2")),
                404, "ResourceGroupNotFound");
    }

    @Test
    void subnetHasRecordedShapeAndShowsUpInItsVirtualNetwork() {
        arm.setOperationPolls(0);
        put(vnetPath(RG, "asotest-vn-bxrysz") + NET_API, new JsonObject("""
                {"location":"westus2","properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/8"]}}}"""));
        HttpResponse<Buffer> created = put(vnetPath(RG, "asotest-vn-bxrysz") + "/subnets/asotest-subnet-emhesg"
                + NET_API, new JsonObject("""
                {"name":"asotest-subnet-emhesg","properties":{"addressPrefix":"10.0.0.0/24"}}"""));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.getHeader("Azure-AsyncOperation")).contains("/locations/westus2/operations/");
        assertThat(pollUntilDone(created.getHeader("Azure-AsyncOperation")).bodyAsJsonObject().getString("status"))
                .isEqualTo("Succeeded");

        JsonObject subnet = get(vnetPath(RG, "asotest-vn-bxrysz") + "/subnets/asotest-subnet-emhesg" + NET_API)
                .bodyAsJsonObject();
        JsonObject recorded = fixture("subnet-get.json");
        assertThat(shape(subnet)).isEqualTo(shape(recorded));
        JsonObject withoutEtag = subnet.copy();
        withoutEtag.remove("etag");
        recorded.remove("etag");
        assertThat(withoutEtag).isEqualTo(recorded);

        JsonArray subnets = get(vnetPath(RG, "asotest-vn-bxrysz") + NET_API).bodyAsJsonObject()
                .getJsonObject("properties").getJsonArray("subnets");
        assertThat(subnets).hasSize(1);
        assertThat(subnets.getJsonObject(0).getString("id")).isEqualTo(subnet.getString("id"));
        assertThat(subnets.getJsonObject(0).getJsonObject("properties").getString("provisioningState"))
                .isEqualTo("Succeeded");

        JsonObject list = get(vnetPath(RG, "asotest-vn-bxrysz") + "/subnets" + NET_API).bodyAsJsonObject();
        assertThat(list.getJsonArray("value")).hasSize(1);
        assertThat(list.containsKey("nextLink")).isFalse();
    }

    @Test
    void subnetDelegationsAreFilledIn() {
        arm.setOperationPolls(0);
        put(vnetPath(RG, "v") + NET_API, new JsonObject().put("location", "westus2"));
        JsonObject subnet = put(vnetPath(RG, "v") + "/subnets/s" + NET_API, new JsonObject("""
                {"properties":{"addressPrefix":"10.0.0.0/24","delegations":[{"name":"mydelegation",
                 "properties":{"serviceName":"Microsoft.DBforMySQL/serversv2"}}]}}""")).bodyAsJsonObject();
        JsonObject delegation = subnet.getJsonObject("properties").getJsonArray("delegations").getJsonObject(0);
        assertThat(delegation.getString("id")).isEqualTo(subnet.getString("id") + "/delegations/mydelegation");
        assertThat(delegation.getString("type")).isEqualTo("Microsoft.Network/virtualNetworks/subnets/delegations");
        assertThat(delegation.getJsonObject("properties").getJsonArray("actions"))
                .containsExactly("Microsoft.Network/virtualNetworks/subnets/join/action");
    }

    @Test
    void networkSecurityGroupHasRecordedShape() {
        arm.setOperationPolls(0);
        String nsg = rgPath(RG) + "/providers/Microsoft.Network/networkSecurityGroups/asotest-nsg-hjxtex";
        HttpResponse<Buffer> created = put(nsg + NET_API, new JsonObject().put("location", "westus2"));
        assertThat(created.statusCode()).isEqualTo(201);
        pollUntilDone(created.getHeader("Azure-AsyncOperation"));
        JsonObject got = get(nsg + NET_API).bodyAsJsonObject();
        JsonObject recorded = fixture("network-security-group-get.json");
        assertThat(shape(got)).isEqualTo(shape(recorded));
        assertThat(names(got.getJsonObject("properties").getJsonArray("defaultSecurityRules")))
                .isEqualTo(names(recorded.getJsonObject("properties").getJsonArray("defaultSecurityRules")));
    }

    @Test
    void publicIpGetsAnAddressAfterCreation() {
        String pip = rgPath(RG) + "/providers/Microsoft.Network/publicIPAddresses/asotest-publicip-vbwrws";
        HttpResponse<Buffer> created = put(pip + NET_API, new JsonObject("""
                {"location":"westus2","properties":{"publicIPAllocationMethod":"Static"},"sku":{"name":"Standard"}}"""));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.bodyAsJsonObject().getJsonObject("properties").containsKey("ipAddress")).isFalse();
        pollUntilDone(created.getHeader("Azure-AsyncOperation"));
        JsonObject got = get(pip + NET_API).bodyAsJsonObject();
        JsonObject recorded = fixture("public-ip-address-get.json");
        assertThat(shape(got)).isEqualTo(shape(recorded));
        assertThat(got.getJsonObject("sku")).isEqualTo(recorded.getJsonObject("sku"));
        assertThat(got.getJsonObject("properties").getString("ipAddress")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        JsonObject defaults = put(rgPath(RG) + "/providers/Microsoft.Network/publicIPAddresses/p2" + NET_API,
                new JsonObject().put("location", "westus2")).bodyAsJsonObject();
        assertThat(defaults.getJsonObject("properties").getString("publicIPAllocationMethod")).isEqualTo("Dynamic");
        assertThat(defaults.getJsonObject("properties").getInteger("idleTimeoutInMinutes")).isEqualTo(4);
        assertThat(defaults.getJsonObject("sku").getString("name")).isEqualTo("Basic");
    }

    @Test
    void deleteIsAsyncAndThenNotFound() {
        arm.setOperationPolls(0);
        String pip = rgPath(RG) + "/providers/Microsoft.Network/publicIPAddresses/pip";
        put(pip + NET_API, new JsonObject().put("location", "westus2"));
        HttpResponse<Buffer> deleted = delete(pip + NET_API);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(deleted.getHeader("Azure-AsyncOperation")).contains("/operations/");
        assertThat(deleted.getHeader("Location")).contains("/operationResults/");
        assertThat(deleted.getHeader("x-ms-ratelimit-remaining-subscription-global-deletes")).isNotNull();
        assertThat(get(pip + NET_API).bodyAsJsonObject().getJsonObject("properties").getString("provisioningState"))
                .isEqualTo("Deleting");
        assertThat(get(deleted.getHeader("Location")).statusCode()).isEqualTo(204);
        assertArmError(get(pip + NET_API), 404, "ResourceNotFound");
        assertThat(delete(pip + NET_API).statusCode()).isEqualTo(204);
    }

    /** As recorded (storageAccounts/blobServices): a nested resource whose parent is gone, even with its group. */
    @Test
    void deletingASubnetWhoseVnetIsGoneIsParentResourceNotFound() {
        arm.setOperationPolls(0);
        put(vnetPath(RG, "gone") + NET_API, new JsonObject("""
                {"location":"westus2","properties":{"subnets":[{"name":"a","properties":{"addressPrefix":"10.0.0.0/24"}}]}}"""));
        arm.remove(vnetPath(RG, "gone"));
        HttpResponse<Buffer> r = delete(vnetPath(RG, "gone") + "/subnets/a" + NET_API);
        assertArmError(r, 404, "ParentResourceNotFound");
        assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).isEqualTo("Failed to perform "
                + "'delete' on resource(s) of type 'virtualNetworks/subnets', because the parent resource '"
                + vnetPath(RG, "gone") + "' could not be found.");
        arm.remove(rgPath(RG));
        assertArmError(delete(vnetPath(RG, "gone") + "/subnets/a" + NET_API), 404, "ParentResourceNotFound");
    }

    @Test
    void virtualNetworkPutReplacesSubnetsLikeArm() {
        arm.setOperationPolls(0);
        put(vnetPath(RG, "v") + NET_API, new JsonObject("""
                {"location":"westus2","properties":{"subnets":[{"name":"a","properties":{"addressPrefix":"10.0.0.0/24"}},
                 {"name":"b","properties":{"addressPrefix":"10.0.1.0/24"}}]}}"""));
        assertThat(arm.resource(vnetPath(RG, "v") + "/subnets/a")).isPresent();
        assertThat(names(get(vnetPath(RG, "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getJsonArray("subnets"))).containsExactly("a", "b");
        put(vnetPath(RG, "v") + NET_API, new JsonObject("""
                {"location":"westus2","properties":{"subnets":[{"name":"b","properties":{"addressPrefix":"10.0.1.0/24"}}]}}"""));
        assertThat(arm.resource(vnetPath(RG, "v") + "/subnets/a")).isEmpty();
        assertThat(arm.resource(vnetPath(RG, "v") + "/subnets/b")).isPresent();
    }

    private static java.util.List<String> names(JsonArray array) {
        return array.stream().map(o -> ((JsonObject) o).getString("name")).toList();
    }
}
