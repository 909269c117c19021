package io.azureoperator.emulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ArmChecksTest extends ArmEmulatorTestBase {

    @Test
    void apiVersionIsRequiredAndMustBeSupported() {
        createResourceGroup("rg");
        assertArmError(get(rgPath("rg")), 400, "MissingApiVersionParameter");
        HttpResponse<Buffer> wrong = put(vnetPath("rg", "v") + "?api-version=2019-01-01",
                new JsonObject().put("location", "westus2"));
        assertArmError(wrong, 400, "NoRegisteredProviderFound");
        assertThat(wrong.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("2020-11-01");
        assertArmError(get(rgPath("rg") + "?api-version=2015-01-01"), 400, "InvalidApiVersionParameter");
    }

    @Test
    void unknownTypesAndNamespaces() {
        createResourceGroup("rg");
        assertArmError(get(rgPath("rg") + "/providers/Microsoft.Network/noSuchThings/x" + NET_API),
                404, "InvalidResourceType");
        assertArmError(get(rgPath("rg") + "/providers/Microsoft.Nope/things/x" + NET_API),
                400, "InvalidResourceNamespace");
    }

    @Test
    void missingResourcesAndGroups() {
        assertArmError(get(vnetPath("nope", "v") + NET_API), 404, "ResourceGroupNotFound");
        createResourceGroup("rg");
        assertArmError(get(vnetPath("rg", "v") + NET_API), 404, "ResourceNotFound");
        assertThat(delete(vnetPath("rg", "v") + NET_API).statusCode()).isEqualTo(204);
    }

    @Test
    void bodyValidation() {
        createResourceGroup("rg");
        assertArmError(send("PUT", vnetPath("rg", "v") + NET_API, "{not json"), 400, "InvalidRequestContent");
        assertArmError(send("PUT", vnetPath("rg", "v") + NET_API, "[1,2]"), 400, "InvalidRequestContent");
        assertArmError(put(vnetPath("rg", "v") + NET_API, new JsonObject()), 400, "LocationRequired");
    }

    @Test
    void authorizationHeader() throws Exception {
        HttpResponse<Buffer> anonymous = client.getAbs(arm.baseUrl() + rgPath("rg") + RG_API).send()
                .await(10, TimeUnit.SECONDS);
        assertArmError(anonymous, 401, "AuthenticationFailed");

        arm.requireToken(SUB, "secret");
        assertArmError(get(rgPath("rg") + RG_API), 401, "InvalidAuthenticationToken");
        HttpResponse<Buffer> ok = client.getAbs(arm.baseUrl() + rgPath("rg") + RG_API)
                .putHeader("Authorization", "Bearer secret").send().await(10, TimeUnit.SECONDS);
        assertArmError(ok, 404, "ResourceGroupNotFound");
        assertThat(arm.requests()).last().satisfies(r -> {
            assertThat(r.header("authorization")).isEqualTo("Bearer secret");
            assertThat(r.apiVersion()).isEqualTo("2020-06-01");
            assertThat(r.path()).isEqualTo(rgPath("rg"));
        });
    }

    @Test
    void requestLogRecordsDecodedPathsAndBodies() {
        createResourceGroup("rg");
        put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"));
        assertThat(arm.count("PUT", "/subscriptions/" + SUB + "/resourcegroups/rg")).isEqualTo(2);
        assertThat(arm.count("PUT", vnetPath("rg", "v"))).isEqualTo(1);
        RecordedRequest last = arm.requests().get(1);
        assertThat(last.body()).isEqualTo(new JsonObject().put("location", "westus2"));
        arm.clearRequests();
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void listsByResourceGroupAndSubscriptionAndHead() {
        createResourceGroup("rg1");
        createResourceGroup("rg2");
        put(vnetPath("rg1", "a") + NET_API, new JsonObject().put("location", "westus2"));
        put(vnetPath("rg2", "b") + NET_API, new JsonObject().put("location", "westus2"));
        assertThat(get(rgPath("rg1") + "/providers/Microsoft.Network/virtualNetworks" + NET_API).bodyAsJsonObject()
                .getJsonArray("value")).hasSize(1);
        assertThat(get("/subscriptions/" + SUB + "/providers/Microsoft.Network/virtualNetworks" + NET_API)
                .bodyAsJsonObject().getJsonArray("value")).hasSize(2);
        assertThat(send("HEAD", rgPath("rg1") + RG_API, null).statusCode()).isEqualTo(204);
        assertThat(send("HEAD", rgPath("nope") + RG_API, null).statusCode()).isEqualTo(404);
    }

    @Test
    void seedAndRemoveWorkOutOfBand() {
        arm.seed(rgPath("seeded"), new JsonObject().put("location", "westus2"));
        arm.seed(vnetPath("seeded", "v"), new JsonObject().put("location", "westus2"));
        JsonObject vnet = get(vnetPath("seeded", "v") + NET_API).bodyAsJsonObject();
        assertThat(vnet.getJsonObject("properties").getString("provisioningState")).isEqualTo("Succeeded");
        assertThat(vnet.getJsonObject("properties").getString("resourceGuid")).isNotBlank();
        arm.remove(vnetPath("seeded", "V"));
        assertArmError(get(vnetPath("seeded", "v") + NET_API), 404, "ResourceNotFound");
    }
}
