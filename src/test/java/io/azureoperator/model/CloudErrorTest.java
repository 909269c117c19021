package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CloudErrorTest {

    @Test
    void readsArmErrorBody() {
        // shape of an ARM 404 in Test_ResourceGroup_CRUD.yaml
        JsonObject body = new JsonObject("{\"error\":{\"code\":\"ResourceGroupNotFound\","
                + "\"message\":\"Resource group 'asotest-rg-wghxbo' could not be found.\"}}");
        CloudError e = CloudError.from(404, body);
        assertThat(e).isEqualTo(new CloudError(404, "ResourceGroupNotFound",
                "Resource group 'asotest-rg-wghxbo' could not be found."));
    }

    @Test
    void readsErrorBodyWithDetails() {
        JsonObject body = new JsonObject("{\"error\":{\"code\":\"InvalidTemplate\",\"message\":\"m\","
                + "\"details\":[{\"code\":\"Inner\",\"message\":\"x\"}]}}");
        assertThat(CloudError.from(400, body).code()).isEqualTo("InvalidTemplate");
    }

    @Test
    void readsTopLevelLegacyForm() {
        JsonObject body = new JsonObject("{\"code\":\"Conflict\",\"message\":\"Operation in progress\"}");
        assertThat(CloudError.from(409, body)).isEqualTo(new CloudError(409, "Conflict", "Operation in progress"));
    }

    @Test
    void missingBodyGivesStatusCode() {
        CloudError e = CloudError.from(503, null);
        assertThat(e.code()).isEqualTo("HttpStatus503");
        assertThat(e.message()).contains("503");
        assertThat(CloudError.from(500, new JsonObject()).code()).isEqualTo("HttpStatus500");
        assertThat(CloudError.from(0, null).code()).isEqualTo("RequestFailed");
    }

    @Test
    void blankCodeAndMessageAreDefaulted() {
        CloudError e = CloudError.from(400, new JsonObject().put("error", new JsonObject().put("code", " ")));
        assertThat(e.code()).isEqualTo("HttpStatus400");
        assertThat(e.message()).isNotBlank();
    }

    @Test
    void stringErrorFieldDoesNotThrow() {
        // OAuth-style bodies (proxies, emulators, some 401s) carry "error" as a string
        JsonObject body = new JsonObject().put("error", "invalid_token").put("error_description", "expired");
        CloudError e = CloudError.from(401, body);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.code()).isNotBlank();
    }

    @Test
    void transportError() {
        assertThat(CloudError.transport("connection refused"))
                .isEqualTo(new CloudError(0, "RequestFailed", "connection refused"));
    }
}
