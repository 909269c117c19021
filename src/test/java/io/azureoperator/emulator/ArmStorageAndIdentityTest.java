package io.azureoperator.emulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ArmStorageAndIdentityTest extends ArmEmulatorTestBase {

    private static final String RG = "asotest-rg-sjcojm";
    private static final String ACCOUNT = "asoteststorygzelx";
    private static final JsonObject ACCOUNT_BODY = new JsonObject("""
            {"kind":"StorageV2","location":"westus2","name":"asoteststorygzelx","properties":{"accessTier":"Hot"},
             "sku":{"name":"Standard_LRS"},"tags":null}""");

    @BeforeEach
    void resourceGroup() {
        createResourceGroup(RG);
    }

    @Test
    void storageCreateIs202ThenLocationPollReturnsTheAccount() {
        HttpResponse<Buffer> created = put(storagePath(RG, ACCOUNT) + STORAGE_API, ACCOUNT_BODY);
        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(created.bodyAsString()).isNullOrEmpty();
        String location = created.getHeader("Location");
        assertThat(location).startsWith(arm.baseUrl() + "/subscriptions/" + SUB
                + "/providers/Microsoft.Storage/locations/westus2/asyncoperations/").contains("api-version=2023-01-01");
        assertThat(created.getHeader("Retry-After")).isEqualTo("0");

        HttpResponse<Buffer> running = get(location);
        assertThat(running.statusCode()).isEqualTo(202);
        assertThat(running.getHeader("Location")).isNotBlank();
        HttpResponse<Buffer> done = get(location);
        assertThat(done.statusCode()).isEqualTo(200);
        JsonObject account = done.bodyAsJsonObject();

        JsonObject recorded = fixture("storage-account-get.json");
        assertThat(shape(account)).isEqualTo(shape(recorded));
        assertThat(account.getJsonObject("properties").getJsonObject("primaryEndpoints"))
                .isEqualTo(recorded.getJsonObject("properties").getJsonObject("primaryEndpoints"));
        assertThat(account.getJsonObject("sku")).isEqualTo(recorded.getJsonObject("sku"));
        assertThat(account.getJsonObject("tags")).isEqualTo(new JsonObject());
        assertThat(get(storagePath(RG, ACCOUNT) + STORAGE_API).bodyAsJsonObject()).isEqualTo(account);

        HttpResponse<Buffer> updated = put(storagePath(RG, ACCOUNT) + STORAGE_API, ACCOUNT_BODY);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.bodyAsJsonObject().getJsonObject("properties").getString("creationTime"))
                .isEqualTo(account.getJsonObject("properties").getString("creationTime"));
    }

    @Test
    void listKeysIsStablePerAccountAndAcceptsBothApiVersions() {
        arm.seed(storagePath(RG, ACCOUNT), ACCOUNT_BODY);
        HttpResponse<Buffer> keys = send("POST", storagePath(RG, ACCOUNT) + "/listKeys?api-version=2024-01-01", null);
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.getHeader("x-ms-ratelimit-remaining-subscription-resource-requests")).as("as recorded")
                .isNotNull();
        assertThat(keys.getHeader("x-ms-ratelimit-remaining-subscription-global-writes")).isNull();
        JsonObject body = keys.bodyAsJsonObject();
        assertThat(shape(body)).isEqualTo(shape(fixture("storage-account-list-keys.json")));
        assertThat(body.getJsonArray("keys").getJsonObject(0).getString("keyName")).isEqualTo("key1");
        assertThat(body.getJsonArray("keys").getJsonObject(0).getString("permissions")).isEqualTo("FULL");
        assertThat(body.getJsonArray("keys").getJsonObject(0).getString("value")).matches("[A-Za-z0-9+/=]{40,}");
        JsonObject again = send("POST", storagePath(RG, ACCOUNT) + "/listKeys" + STORAGE_API, null)
                .bodyAsJsonObject();
        assertThat(again).isEqualTo(body);
        assertArmError(send("POST", storagePath(RG, ACCOUNT) + "/listKeys?api-version=2019-06-01", null),
                400, "NoRegisteredProviderFound");
        assertArmError(send("POST", storagePath(RG, "nosuchaccount") + "/listKeys" + STORAGE_API, null),
                404, "ResourceNotFound");
    }

    @Test
    void storageNameRulesAndSyncDelete() {
        assertArmError(put(storagePath(RG, "Bad-Name") + STORAGE_API, ACCOUNT_BODY), 400, "AccountNameInvalid");
        assertArmError(put(storagePath(RG, "ab") + STORAGE_API, ACCOUNT_BODY), 400, "AccountNameInvalid");
        arm.seed(storagePath(RG, ACCOUNT), ACCOUNT_BODY);
        createResourceGroup("other");
        assertArmError(put(storagePath("other", ACCOUNT) + STORAGE_API, ACCOUNT_BODY), 409,
                "StorageAccountAlreadyTaken");
        assertThat(delete(storagePath(RG, ACCOUNT) + STORAGE_API).statusCode()).isEqualTo(200);
        assertThat(delete(storagePath(RG, ACCOUNT) + STORAGE_API).statusCode()).isEqualTo(204);
        assertArmError(get(storagePath(RG, ACCOUNT) + STORAGE_API), 404, "ResourceNotFound");
    }

    @Test
    void userAssignedIdentityUsesLowercaseResourceGroupsAndStableGuids() {
        String path = rgPath("asotest-rg-ecobit")
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/asotest-mi-ouwbhh";
        createResourceGroup("asotest-rg-ecobit");
        HttpResponse<Buffer> created = put(path + MSI_API,
                new JsonObject().put("location", "westus2").put("name", "asotest-mi-ouwbhh"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.getHeader("Location")).as("as recorded: its own path, relative; nothing to poll")
                .isEqualTo(path.replace("/resourceGroups/", "/resourcegroups/"));
        JsonObject identity = created.bodyAsJsonObject();
        assertThat(identity.getString("id")).isEqualTo(path.replace("/resourceGroups/", "/resourcegroups/"));
        assertThat(identity.getJsonObject("tags")).isEqualTo(new JsonObject());
        JsonObject props = identity.getJsonObject("properties");
        for (String guid : new String[]{"tenantId", "principalId", "clientId"}) {
            assertThat(UUID.fromString(props.getString(guid))).isNotNull();
        }
        assertThat(props.containsKey("provisioningState")).isFalse();
        assertThat(identity.containsKey("etag")).isFalse();
        assertThat(shape(identity)).isEqualTo(shape(fixture("user-assigned-identity-get.json")));

        HttpResponse<Buffer> updated = put(path + MSI_API, new JsonObject().put("location", "westus2")
                .put("tags", new JsonObject().put("foo", "bar")));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.getHeader("Location")).isNull();
        assertThat(updated.bodyAsJsonObject().getJsonObject("properties")).isEqualTo(props);
        assertThat(get(path + MSI_API).bodyAsJsonObject().getJsonObject("tags").getString("foo")).isEqualTo("bar");

        assertThat(delete(path + MSI_API).statusCode()).isEqualTo(200);
        assertThat(delete(path + MSI_API).statusCode()).isEqualTo(204);
    }
}
