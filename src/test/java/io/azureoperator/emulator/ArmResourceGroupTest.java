package io.azureoperator.emulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArmResourceGroupTest extends ArmEmulatorTestBase {

    @Test
    void createThenUpdateThenGetMatchesRecordedShape() {
        JsonObject body = new JsonObject().put("name", "asotest-rg-qwiiib").put("location", "westus2")
                .put("tags", new JsonObject().put("CreatedAt", "2001-02-03T04:05:06Z"));
        HttpResponse<Buffer> created = put(rgPath("asotest-rg-qwiiib") + RG_API, body);
        assertThat(created.statusCode()).isEqualTo(201);

        body.getJsonObject("tags").put("tag1", "value1");
        HttpResponse<Buffer> updated = put(rgPath("asotest-rg-qwiiib") + RG_API, body);
        assertThat(updated.statusCode()).isEqualTo(200);

        JsonObject got = get(rgPath("asotest-rg-qwiiib") + RG_API).bodyAsJsonObject();
        assertThat(got.getString("id")).isEqualTo(rgPath("asotest-rg-qwiiib"));
        assertThat(got.getString("type")).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(got.getJsonObject("properties").getString("provisioningState")).isEqualTo("Succeeded");
        assertThat(got.getJsonObject("tags").getString("tag1")).isEqualTo("value1");
        // Recorded GET after the first PUT; with tag1 added it must match the emulator's body exactly.
        JsonObject recorded = fixture("resource-group-get.json");
        recorded.getJsonObject("tags").put("tag1", "value1");
        assertThat(got).isEqualTo(recorded);
    }

    @Test
    void idsCompareCaseInsensitively() {
        createResourceGroup("MyGroup");
        HttpResponse<Buffer> r = get("/SUBSCRIPTIONS/" + SUB + "/resourcegroups/mygroup" + RG_API);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("name")).isEqualTo("MyGroup");
        assertThat(arm.resource("/subscriptions/" + SUB + "/RESOURCEGROUPS/MYGROUP")).isPresent();
    }

    @Test
    void deleteIsPolledThroughLocationAndCascades() {
        createResourceGroup("rg1");
        put(vnetPath("rg1", "vnet1") + NET_API, new JsonObject().put("location", "westus2"));
        put(vnetPath("rg1", "vnet1") + "/subnets/s1" + NET_API,
                new JsonObject().put("properties", new JsonObject().put("addressPrefix", "10.0.0.0/24")));

        HttpResponse<Buffer> deleted = delete(rgPath("rg1") + RG_API);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(deleted.bodyAsString()).isNullOrEmpty();
        assertThat(deleted.getHeader("Retry-After")).isEqualTo("0");
        String location = deleted.getHeader("Location");
        assertThat(location).startsWith(arm.baseUrl() + "/subscriptions/" + SUB + "/operationresults/")
                .endsWith("?api-version=2020-06-01");

        assertThat(get(rgPath("rg1") + RG_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).isEqualTo("Deleting");
        assertArmError(put(vnetPath("rg1", "vnet2") + NET_API, new JsonObject().put("location", "westus2")),
                409, "ResourceGroupBeingDeleted");

        HttpResponse<Buffer> first = get(location);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.getHeader("Location")).isEqualTo(location);
        HttpResponse<Buffer> done = get(location);
        assertThat(done.statusCode()).isEqualTo(200);

        assertArmError(get(rgPath("rg1") + RG_API), 404, "ResourceGroupNotFound");
        assertArmError(get(vnetPath("rg1", "vnet1") + NET_API), 404, "ResourceGroupNotFound");
        assertThat(arm.resource(vnetPath("rg1", "vnet1") + "/subnets/s1")).isEmpty();
        assertArmError(delete(rgPath("rg1") + RG_API), 404, "ResourceGroupNotFound");
    }

    @Test
    void invalidNameAndMissingLocationAreRejected() {
        assertArmError(put(rgPath("bad%20name") + RG_API, new JsonObject().put("location", "westus2")),
                400, "InvalidResourceGroup");
        assertArmError(put(rgPath("rg") + RG_API, new JsonObject()), 400, "LocationRequired");
        createResourceGroup("rg");
        assertArmError(put(rgPath("rg") + RG_API, new JsonObject().put("location", "eastus")),
                409, "InvalidResourceGroupLocation");
    }

    @Test
    void listIsPagedWithAbsoluteNextLink() {
        for (int i = 0; i < 5; i++) {
            createResourceGroup("rg-" + i);
        }
        arm.setPageSize(2);
        JsonArray all = new JsonArray();
        String next = "/subscriptions/" + SUB + "/resourcegroups" + RG_API;
        int pages = 0;
        while (next != null) {
            JsonObject page = get(next).bodyAsJsonObject();
            all.addAll(page.getJsonArray("value"));
            next = page.getString("nextLink");
            if (next != null) {
                assertThat(next).startsWith(arm.baseUrl()).contains("api-version=2020-06-01").contains("$skiptoken=");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("name")))
                .containsExactly("rg-0", "rg-1", "rg-2", "rg-3", "rg-4");
    }
}
