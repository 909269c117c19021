package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.Condition;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconciling is shown while a PUT is slow, and only then: a quick create goes straight to Ready with one status
 * write (on the in-memory API server, which counts the writes).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ProgressConditionTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
        h.startOperator(Map.of());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String rg(String name) {
        return """
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westcentralus}
                """.formatted(name);
    }

    @Test
    void aQuickCreateWritesItsStatusOnce() {
        h.apply(rg("rg-warm-up")); // the first ARM request of a JVM opens connections and warms code: not quick
        h.awaitSucceeded("ResourceGroup", "default", "rg-warm-up", 1);
        h.apply(rg("rg-quick"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-quick", 1);
        assertThat(h.apiServer().requestCount("PUT", "/resourcegroups/rg-quick/status$"))
                .as("status writes: Ready only").isOne();
    }

    @Test
    void aSlowPutShowsReconcilingWhileItWaits() {
        h.emulator.setLatency(Duration.ofMillis(1_500));
        h.apply(rg("rg-slow"));
        Condition reconciling = h.awaitReady("ResourceGroup", "default", "rg-slow",
                c -> "Reconciling".equals(c.reason()));
        assertThat(reconciling.isTrue()).isFalse();
        assertThat(reconciling.message()).contains("creating or updating");
        h.awaitSucceeded("ResourceGroup", "default", "rg-slow", 1);
        assertThat(h.apiServer().requestCount("PUT", "/resourcegroups/rg-slow/status$"))
                .as("status writes: Reconciling, then Ready").isEqualTo(2);
    }

    @Test
    void aLongRunningOperationIsFirstPolledWhenArmSaysSoNotRightAfterItsTokenIsWritten() {
        h.emulator.setRetryAfterSeconds(2);
        h.emulator.setOperationPolls(1);
        h.apply(rg("rg-lro"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-lro", 1);
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: vnet-lro, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: rg-lro}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                """);
        h.awaitSucceeded("VirtualNetwork", "default", "vnet-lro", 1);

        var requests = h.emulator.requests();
        long put = requests.stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/vnet-lro"))
                .mapToLong(io.azureoperator.emulator.RecordedRequest::receivedAt).min().orElseThrow();
        long firstPoll = requests.stream().filter(r -> r.method().equals("GET") && r.path().contains("/operations/"))
                .mapToLong(io.azureoperator.emulator.RecordedRequest::receivedAt).min().orElseThrow();
        assertThat(firstPoll - put).as("the poller-resume-token write's own watch event polls nothing early; "
                        + "requests (ms after the PUT): "
                        + requests.stream().map(r -> (r.receivedAt() - put) + " " + r.method() + " " + r.path()).toList())
                .isGreaterThanOrEqualTo(1_900);
    }

    /** ARM started an operation: a change to the CR meanwhile (a 409 on the token's write) must not lose its URL. */
    @Test
    void aChangeWhileThePutIsOnItsWayKeepsTheOperationsTokenAndSendsNoSecondPut() throws InterruptedException {
        h.apply(rg("rg-token"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-token", 1);
        h.emulator.holdOperations(true);
        h.emulator.setLatency(Duration.ofMillis(1_500));
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: vnet-token, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: rg-token}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                """);
        OperatorHarness.awaitTrue("the VNet's PUT reached ARM",
                () -> !h.requests("PUT", "/virtualNetworks/vnet-token").isEmpty(), () -> "no PUT");
        h.resource("VirtualNetwork", "default", "vnet-token").edit(r -> {
            r.getMetadata().setLabels(Map.of("team", "a"));
            return r;
        });
        OperatorHarness.awaitTrue("the operation's token kept", () -> {
            var annotations = h.resource("VirtualNetwork", "default", "vnet-token").get().getMetadata().getAnnotations();
            return annotations != null && annotations.containsKey(io.azureoperator.kube.Annotations.POLLER_RESUME_TOKEN);
        }, () -> "no token; PUTs: " + h.requests("PUT", "/virtualNetworks/vnet-token").size());
        h.emulator.setLatency(Duration.ZERO);
        Thread.sleep(1_000); // the retries a lost token would cause (backoff 200 ms)
        assertThat(h.requests("PUT", "/virtualNetworks/vnet-token")).as("one PUT; its operation is polled").hasSize(1);
        h.emulator.holdOperations(false);
        h.awaitSucceeded("VirtualNetwork", "default", "vnet-token", 1);
        assertThat(h.requests("PUT", "/virtualNetworks/vnet-token")).hasSize(1);
    }
}
