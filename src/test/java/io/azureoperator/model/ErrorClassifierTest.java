package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {

    @ParameterizedTest(name = "{0} {1} fatal={2}")
    @CsvSource({
            // table codes win over the HTTP status
            "400, InvalidParameter, true",
            "400, LocationRequired, true",
            "403, RequestDisallowedByPolicy, true",
            "404, SubscriptionNotFound, true",
            "409, PropertyChangeNotAllowed, true",
            "400, InvalidResourceReference, false",
            "400, ResourceGroupNotFound, false",
            "403, AuthorizationFailed, false",
            "409, AnotherOperationInProgress, false",
            "429, SubscriptionRequestsThrottled, false",
            "404, ParentResourceNotFound, false",
            // unknown codes: 400 fatal, everything else retryable
            "400, SomethingNew, true",
            "401, SomethingNew, false",
            "404, SomethingNew, false",
            "409, SomethingNew, false",
            "429, SomethingNew, false",
            "500, SomethingNew, false",
            "502, SomethingNew, false",
            "503, SomethingNew, false",
            "0, RequestFailed, false",
    })
    void classifies(int status, String code, boolean fatal) {
        assertThat(ErrorClassifier.isFatal(new CloudError(status, code, "m"))).isEqualTo(fatal);
    }

    @Test
    void codeDefaultedFromStatusFollowsStatusRule() {
        assertThat(ErrorClassifier.isFatal(CloudError.from(400, null))).isTrue();
        assertThat(ErrorClassifier.isFatal(CloudError.from(503, null))).isFalse();
        assertThat(ErrorClassifier.isFatal(CloudError.transport("connection refused"))).isFalse();
    }

    @Test
    void tablesDoNotOverlap() {
        assertThat(ErrorClassifier.FATAL).doesNotContainAnyElementsOf(ErrorClassifier.RETRYABLE);
    }

    @Test
    void realArmBodyIsClassified() {
        JsonObject body = new JsonObject("{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"bad\"}}");
        assertThat(ErrorClassifier.isFatal(CloudError.from(400, body))).isTrue();
    }
}
