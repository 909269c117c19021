package io.azureoperator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmResponseTest {
    private static final Duration FALLBACK = Duration.ofSeconds(10);
    private static final String ASYNC = "https://management.azure.com/subscriptions/s/providers/Microsoft.Network"
            + "/locations/westus2/operations/1d47d356?api-version=2020-11-01";
    private static final String LOCATION = "https://management.azure.com/subscriptions/s/providers/Microsoft.Network"
            + "/locations/westus2/operationResults/1d47d356?api-version=2020-11-01";

    private static ArmResponse response(Map<String, String> headers) {
        return new ArmResponse(201, headers, null);
    }

    @Test
    void operationUrlPrefersAzureAsyncOperation() {
        assertThat(response(Map.of("azure-asyncoperation", ASYNC, "location", LOCATION)).operationUrl())
                .contains(ASYNC);
        assertThat(response(Map.of("location", LOCATION)).operationUrl()).contains(LOCATION);
        assertThat(response(Map.of("azure-asyncoperation", ASYNC)).operationUrl()).contains(ASYNC);
        assertThat(response(Map.of()).operationUrl()).isEmpty();
    }

    @Test
    void headerLookupIsCaseInsensitiveOnTheName() {
        assertThat(response(Map.of("retry-after", "3")).header("Retry-After")).contains("3");
    }

    @Test
    void retryAfterSeconds() {
        assertThat(response(Map.of("retry-after", "17")).retryAfter(FALLBACK)).isEqualTo(Duration.ofSeconds(17));
        assertThat(response(Map.of("retry-after", " 3 ")).retryAfter(FALLBACK)).isEqualTo(Duration.ofSeconds(3));
        assertThat(response(Map.of("retry-after", "0")).retryAfter(FALLBACK)).isEqualTo(Duration.ZERO);
        assertThat(response(Map.of("retry-after", "-5")).retryAfter(FALLBACK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateIsCountedFromNow() {
        Instant now = Instant.parse("2015-10-21T07:27:30Z");
        assertThat(response(Map.of("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")).retryAfter(FALLBACK, now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(response(Map.of("retry-after", "Wed, 21 Oct 2015 07:27:00 GMT")).retryAfter(FALLBACK, now))
                .as("a date already past: no wait").isEqualTo(Duration.ZERO);
        assertThat(response(Map.of("retry-after", "Wed, 21 Oct 2015 07:28:00 CEST")).retryAfter(FALLBACK, now))
                .as("not an HTTP date").isEqualTo(FALLBACK);
    }

    @Test
    void retryAfterIsAnHourAtMostHoweverItIsWritten() {
        Instant now = Instant.parse("2015-10-21T07:27:30Z");
        assertThat(response(Map.of("retry-after", "9200000000000000")).retryAfter(FALLBACK))
                .as("seconds whose millis overflow a long").isEqualTo(Duration.ofHours(1));
        assertThat(response(Map.of("retry-after", "7200")).retryAfter(FALLBACK)).isEqualTo(Duration.ofHours(1));
        assertThat(response(Map.of("retry-after", "Fri, 21 Oct 2033 07:28:00 GMT")).retryAfter(FALLBACK, now))
                .as("a date years ahead").isEqualTo(Duration.ofHours(1));
        assertThat(response(Map.of("retry-after", "Fri, 21 Oct 2033 07:28:00 GMT")).retryAfter(FALLBACK, now)
                .toMillis()).isEqualTo(3_600_000);
    }

    @Test
    void retryAfterFallsBackWhenMissingOrNotSecondsOrADate() {
        assertThat(response(Map.of()).retryAfter(FALLBACK)).isEqualTo(FALLBACK);
        assertThat(response(Map.of("retry-after", "1.5")).retryAfter(FALLBACK)).isEqualTo(FALLBACK);
        assertThat(response(Map.of("retry-after", "")).retryAfter(FALLBACK)).isEqualTo(FALLBACK);
        assertThat(response(Map.of("retry-after", "99999999999999999999")).retryAfter(FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void okAndError() {
        assertThat(new ArmResponse(200, Map.of(), null).ok()).isTrue();
        assertThat(new ArmResponse(202, Map.of(), null).ok()).isTrue();
        assertThat(new ArmResponse(299, Map.of(), null).ok()).isTrue();
        assertThat(new ArmResponse(300, Map.of(), null).ok()).isFalse();
        assertThat(new ArmResponse(404, Map.of(), null).ok()).isFalse();
        ArmResponse r = new ArmResponse(429, Map.of(), new JsonObject(
                "{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"slow down\"}}"));
        assertThat(r.error().code()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(r.error().httpStatus()).isEqualTo(429);
    }
}
