package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Fixtures;
import io.azureoperator.arm.ArmResponse;
import io.azureoperator.model.CloudError;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies from src/test/resources/arm-fixtures/ where real ones exist (sources in its README.md). */
class OperationStateTest {
    private static final Duration DEFAULT = Duration.ofSeconds(15);
    private static final String OP = "https://management.azure.com/subscriptions/s/providers/Microsoft.Storage"
            + "/locations/westus2/asyncoperations/9ef309df?monitor=true&api-version=2023-01-01";

    private static OperationState of(int status, Map<String, String> headers, JsonObject body) {
        return OperationState.of(new ArmResponse(status, headers, body), DEFAULT);
    }

    @Test
    void accepted202WithRetryAfterIsRunning() {
        // storage PUT and Location polls: 202, empty body, Retry-After 17 (SecretsFromAzure cassette)
        assertThat(of(202, Map.of("location", OP, "retry-after", "17"), null))
                .isEqualTo(new OperationState.Running(Duration.ofSeconds(17)));
        assertThat(of(202, Map.of("location", OP), null)).isEqualTo(new OperationState.Running(DEFAULT));
    }

    @Test
    void aStorageAccountResolvingDnsIsStillRunning() {
        assertThat(of(200, Map.of(), new JsonObject().put("id", "x").put("properties",
                new JsonObject().put("provisioningState", "ResolvingDNS")))).isInstanceOf(OperationState.Running.class);
    }

    @Test
    void aResourceInProvisioningStateFailedSaysSo() {
        JsonObject failed = new JsonObject().put("id", "x").put("properties",
                new JsonObject().put("provisioningState", "Failed"));
        assertThat(OperationState.provisioningFailed(failed)).isTrue();
        assertThat(of(200, Map.of(), failed)).isInstanceOf(OperationState.Failed.class);
        assertThat(OperationState.provisioningFailed(new JsonObject().put("properties",
                new JsonObject().put("provisioningState", "Succeeded")))).isFalse();
        assertThat(OperationState.provisioningFailed(new JsonObject())).isFalse();
    }

    @Test
    void asyncOperationInProgress() {
        assertThat(of(200, Map.of("retry-after", "3"), new JsonObject().put("status", "InProgress")))
                .isEqualTo(new OperationState.Running(Duration.ofSeconds(3)));
    }

    @Test
    void asyncOperationSucceeded() {
        assertThat(of(200, Map.of(), Fixtures.json("network-asyncoperation-succeeded.json")))
                .isInstanceOf(OperationState.Succeeded.class);
    }

    @Test
    void asyncOperationFailedCarriesTheError() {
        JsonObject body = new JsonObject("""
                {"status":"Failed","error":{"code":"InvalidResourceReference",
                 "message":"Resource /subscriptions/s/.../networkSecurityGroups/nsg referenced by resource ... was not found."}}
                """);
        OperationState state = of(200, Map.of(), body);
        assertThat(state).isInstanceOf(OperationState.Failed.class);
        CloudError e = ((OperationState.Failed) state).error();
        assertThat(e.code()).isEqualTo("InvalidResourceReference");
        assertThat(e.message()).startsWith("Resource /subscriptions/s/");
    }

    @Test
    void asyncOperationFailedWithoutErrorHasAUsefulCode() {
        OperationState state = of(200, Map.of(), new JsonObject().put("status", "Failed"));
        assertThat(((OperationState.Failed) state).error().code()).isEqualTo("OperationFailed");
    }

    @Test
    void asyncOperationCanceled() {
        OperationState state = of(200, Map.of(), new JsonObject().put("status", "Canceled"));
        assertThat(state).isInstanceOf(OperationState.Failed.class);
        assertThat(((OperationState.Failed) state).error().code()).isEqualTo("OperationCanceled");
    }

    @Test
    void asyncOperationFailedWithStringErrorDoesNotThrow() {
        OperationState state = of(200, Map.of(), new JsonObject().put("status", "Failed").put("error", "boom"));
        assertThat(state).isInstanceOf(OperationState.Failed.class);
    }

    @Test
    void locationFinal200WithResourceBodySucceeded() {
        // final Location poll of the storage create returns the account (provisioningState Succeeded)
        JsonObject account = Fixtures.json("storage-location-final-200.json");
        assertThat(account.getJsonObject("properties").getString("provisioningState")).isEqualTo("Succeeded");
        assertThat(of(200, Map.of(), account)).isInstanceOf(OperationState.Succeeded.class);
    }

    @Test
    void resourceBodyUpdatingIsRunning() {
        // subnet PUT answered 201 with provisioningState Updating and Retry-After 3
        JsonObject subnet = Fixtures.json("subnet-put-201-updating.json");
        assertThat(of(201, Map.of("retry-after", "3"), subnet))
                .isEqualTo(new OperationState.Running(Duration.ofSeconds(3)));
        assertThat(of(200, Map.of(), subnet)).isEqualTo(new OperationState.Running(DEFAULT));
    }

    @Test
    void resourceBodyFailedProvisioning() {
        JsonObject body = new JsonObject().put("properties", new JsonObject().put("provisioningState", "Failed"));
        assertThat(of(200, Map.of(), body)).isInstanceOf(OperationState.Failed.class);
    }

    @Test
    void notFoundEndsTheOperation() {
        assertThat(of(404, Map.of(), Fixtures.json("rg-get-404.json"))).isInstanceOf(OperationState.Succeeded.class);
    }

    @Test
    void aServerErrorOnThePollIsAFailedPollNotAFailedOperation() {
        JsonObject body = new JsonObject("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"try later\"}}");
        assertThat(of(500, Map.of(), body))
                .isEqualTo(new OperationState.PollFailed(new CloudError(500, "InternalServerError", "try later")));
        assertThat(of(429, Map.of(), null)).isInstanceOf(OperationState.PollFailed.class);
        assertThat(of(504, Map.of(), null)).isInstanceOf(OperationState.PollFailed.class);
    }

    @Test
    void aClientErrorOnALocationPollIsTheOperationsFailure() {
        JsonObject body = new JsonObject("{\"error\":{\"code\":\"Conflict\",\"message\":\"locked\"}}");
        assertThat(of(409, Map.of(), body))
                .isEqualTo(new OperationState.Failed(new CloudError(409, "Conflict", "locked")));
    }

    @Test
    void emptySuccessBodyIsSucceeded() {
        assertThat(of(200, Map.of(), null)).isInstanceOf(OperationState.Succeeded.class);
        assertThat(of(204, Map.of(), null)).isInstanceOf(OperationState.Succeeded.class);
    }
}
