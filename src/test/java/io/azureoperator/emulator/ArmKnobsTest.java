package io.azureoperator.emulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ArmKnobsTest extends ArmEmulatorTestBase {

    @Test
    void throttlesOverTheSlidingWindowWithRetryAfter() throws Exception {
        arm.setLimits(2, 3, 1, Duration.ofSeconds(2));
        HttpResponse<Buffer> first = put(rgPath("a") + RG_API, new JsonObject().put("location", "westus2"));
        assertThat(first.getHeader("x-ms-ratelimit-remaining-subscription-global-writes")).isEqualTo("1");
        HttpResponse<Buffer> second = put(rgPath("b") + RG_API, new JsonObject().put("location", "westus2"));
        assertThat(second.getHeader("x-ms-ratelimit-remaining-subscription-global-writes")).isEqualTo("0");
        HttpResponse<Buffer> third = put(rgPath("c") + RG_API, new JsonObject().put("location", "westus2"));
        assertArmError(third, 429, "SubscriptionRequestsThrottled");
        assertThat(Integer.parseInt(third.getHeader("Retry-After"))).isBetween(1, 2);
        assertThat(third.getHeader("x-ms-ratelimit-remaining-subscription-global-writes")).isEqualTo("0");
        assertThat(arm.resource(rgPath("c"))).isEmpty();

        HttpResponse<Buffer> read = get(rgPath("a") + RG_API);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.getHeader("x-ms-ratelimit-remaining-subscription-global-reads")).isEqualTo("2");
        assertThat(delete(rgPath("zzz") + RG_API).getHeader("x-ms-ratelimit-remaining-subscription-global-deletes"))
                .isEqualTo("0");
        assertArmError(delete(rgPath("zzz") + RG_API), 429, "SubscriptionRequestsThrottled");
        assertThat(arm.throttledCount()).as("the emulator counts its own 429s").isEqualTo(2);

        Thread.sleep(Integer.parseInt(third.getHeader("Retry-After")) * 1000L + 100);
        assertThat(put(rgPath("c") + RG_API, new JsonObject().put("location", "westus2")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void failNextInjectsArmErrorsThenRecovers() {
        arm.failNext("PUT", "/resourceGroups/rg$", 409, "Conflict", "injected", 2);
        assertArmError(put(rgPath("rg") + RG_API, new JsonObject().put("location", "westus2")), 409, "Conflict");
        assertThat(get(rgPath("rg") + RG_API).statusCode()).isEqualTo(404);
        assertArmError(put(rgPath("rg") + RG_API, new JsonObject().put("location", "westus2")), 409, "Conflict");
        assertThat(put(rgPath("rg") + RG_API, new JsonObject().put("location", "westus2")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void anInjected429CarriesRetryAfterAsEveryArm429Does() {
        arm.failNext("GET", "/resourceGroups/rg$", 429, "SubscriptionRequestsThrottled", "injected", 1);
        var throttled = get(rgPath("rg") + RG_API);
        assertArmError(throttled, 429, "SubscriptionRequestsThrottled");
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
    }

    @Test
    void failRateIsReproducibleAndClears() {
        arm.failRate(1.0, 503);
        assertArmError(get(rgPath("rg") + RG_API), 503, "ServiceUnavailable");
        arm.failRate(1.0, 500);
        assertArmError(get(rgPath("rg") + RG_API), 500, "InternalServerError");
        arm.clearFaults();
        assertArmError(get(rgPath("rg") + RG_API), 404, "ResourceGroupNotFound");
    }

    @Test
    void heldOperationsStayInProgressUntilReleased() {
        createResourceGroup("rg");
        arm.holdOperations(true);
        HttpResponse<Buffer> created = put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"));
        String operation = created.getHeader("Azure-AsyncOperation");
        for (int i = 0; i < 5; i++) {
            assertThat(get(operation).bodyAsJsonObject().getString("status")).isEqualTo("InProgress");
        }
        assertThat(get(vnetPath("rg", "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).isEqualTo("Updating");
        arm.holdOperations(false);
        assertThat(pollUntilDone(operation).bodyAsJsonObject().getString("status")).isEqualTo("Succeeded");
        assertThat(get(vnetPath("rg", "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).isEqualTo("Succeeded");
    }

    @Test
    void operationPollsAndRetryAfterAreConfigurable() {
        createResourceGroup("rg");
        arm.setOperationPolls(3);
        arm.setRetryAfterSeconds(5);
        HttpResponse<Buffer> created = put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"));
        assertThat(created.getHeader("Retry-After")).isEqualTo("5");
        String operation = created.getHeader("Azure-AsyncOperation");
        for (int i = 0; i < 3; i++) {
            HttpResponse<Buffer> poll = get(operation);
            assertThat(poll.bodyAsJsonObject().getString("status")).isEqualTo("InProgress");
            assertThat(poll.getHeader("Retry-After")).isEqualTo("5");
        }
        assertThat(get(operation).bodyAsJsonObject().getString("status")).isEqualTo("Succeeded");
        assertThat(get(operation).bodyAsJsonObject().getString("status")).isEqualTo("Succeeded");
    }

    @Test
    void anOperationNobodyPollsFinishesWithTimeWhenItsResourceIsRead() throws InterruptedException {
        createResourceGroup("rg");
        arm.setOperationPolls(0);
        arm.setRetryAfterSeconds(0);
        put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"));
        assertThat(get(vnetPath("rg", "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).as("just started").isEqualTo("Updating");
        Thread.sleep(1_100); // (0 polls + 1) × the one-second minimum poll interval
        assertThat(get(vnetPath("rg", "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).as("finished although its URL was never polled")
                .isEqualTo("Succeeded");
    }

    @Test
    void plannedOperationFailureReportsErrorAndFailedState() {
        createResourceGroup("rg");
        arm.setOperationPolls(0);
        arm.failNextOperation("virtualNetworks/v$", "Failed", "InternalServerError", "boom", 1);
        String operation = put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"))
                .getHeader("Azure-AsyncOperation");
        JsonObject status = get(operation).bodyAsJsonObject();
        assertThat(status.getString("status")).isEqualTo("Failed");
        assertThat(status.getJsonObject("error").getString("code")).isEqualTo("InternalServerError");
        assertThat(get(vnetPath("rg", "v") + NET_API).bodyAsJsonObject().getJsonObject("properties")
                .getString("provisioningState")).isEqualTo("Failed");
        String again = put(vnetPath("rg", "v") + NET_API, new JsonObject().put("location", "westus2"))
                .getHeader("Azure-AsyncOperation");
        assertThat(get(again).bodyAsJsonObject().getString("status")).isEqualTo("Succeeded");
    }

    @Test
    void latencyDelaysResponsesWithoutBlocking() {
        arm.setLatency(Duration.ofMillis(300));
        long start = System.nanoTime();
        get(rgPath("rg") + RG_API);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }
}
