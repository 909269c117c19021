package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.Event;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kubernetes Events on the resources, end to end: Normal Reconciled and Deleted, and a Warning for each way a
 * reconcile fails (an ARM error, a missing credential, a spec the operator refuses, no answer from ARM).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class EventsTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        h.startOperator(Map.of());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void rg(String name, String annotations) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata:
                  name: %s
                  namespace: default
                  annotations: {%s}
                spec: {location: westcentralus}
                """.formatted(name, annotations));
    }

    private List<Event> events(String name) {
        return h.user.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    private Event awaitEvent(String name, String type, String reason) {
        OperatorHarness.awaitTrue(type + " event " + reason + " on " + name, () -> events(name).stream()
                .anyMatch(e -> type.equals(e.getType()) && reason.equals(e.getReason())), () -> "events: "
                + events(name).stream().map(e -> e.getType() + " " + e.getReason()).toList());
        return events(name).stream().filter(e -> type.equals(e.getType()) && reason.equals(e.getReason()))
                .findFirst().orElseThrow();
    }

    @Test
    void createdAndDeletedAreNormalEvents() {
        rg("rg-events", "");
        h.awaitSucceeded("ResourceGroup", "default", "rg-events", 1);
        Event created = awaitEvent("rg-events", "Normal", "Reconciled");
        assertThat(created.getMessage()).contains(OperatorHarness.rgId("rg-events"));
        assertThat(created.getInvolvedObject().getKind()).isEqualTo("ResourceGroup");
        assertThat(created.getSource().getComponent()).isEqualTo("azure-operator");

        h.resource("ResourceGroup", "default", "rg-events").delete();
        h.awaitGone("ResourceGroup", "default", "rg-events");
        assertThat(awaitEvent("rg-events", "Normal", "Deleted").getMessage())
                .contains(OperatorHarness.rgId("rg-events"));
    }

    @Test
    void everyKindOfFailureIsAWarningEvent() {
        h.emulator.failNext("PUT", ".*/resourceGroups/rg-arm-error$", 400, "InvalidParameter", "bad location", 1);
        rg("rg-arm-error", "");
        rg("rg-no-credential", Annotations.CREDENTIAL_FROM + ": missing");
        rg("rg-bad-policy", Annotations.RECONCILE_POLICY + ": sometimes");
        h.emulator.resetNext("PUT", ".*/resourceGroups/rg-no-answer$", false, 1);
        rg("rg-no-answer", "");

        assertThat(awaitEvent("rg-arm-error", "Warning", "InvalidParameter").getMessage()).contains("bad location");
        assertThat(awaitEvent("rg-no-credential", "Warning", "SecretNotFound").getMessage())
                .contains("default/missing");
        assertThat(awaitEvent("rg-bad-policy", "Warning", "Failed").getMessage()).contains("sometimes");
        awaitEvent("rg-no-answer", "Warning", "RequestFailed");
        h.awaitSucceeded("ResourceGroup", "default", "rg-no-answer", 1);
        // retried failures do not add an event each time
        assertThat(events("rg-no-credential")).hasSize(1);
    }
}
