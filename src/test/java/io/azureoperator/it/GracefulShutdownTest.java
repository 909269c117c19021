package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.await;
import static io.azureoperator.it.OperatorHarness.awaitTrue;
import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.apiserver.InMemoryApiServer;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.lead.ElectionSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A graceful stop with leader election, on the in-memory API server (one resourceVersion sequence for every object,
 * so it shows the order of writes): an ARM request on the wire when stop() is called has its result written before
 * the lease is released, and a request that never ends does not hold stop() past its drain timeout.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class GracefulShutdownTest {
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private OperatorHarness h;
    private InMemoryApiServer api;
    private OperatorConfig config;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
        api = h.apiServer();
        config = h.config(Map.of("LEADER_ELECTION", "true"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Operator leader() {
        ElectionSettings election = ElectionSettings.defaults(config.podNamespace(), "leader")
                .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200))
                .withDrainTimeout(DRAIN);
        Operator o = h.startOperator(config, "token-leader", election);
        awaitTrue("leading", () -> o.leadership().leading(), o.leadership()::toString);
        return o;
    }

    private JsonObject lease() {
        return api.get("coordination.k8s.io/v1", "leases", config.podNamespace(), ElectionSettings.LEASE_NAME);
    }

    private static long version(JsonObject o) {
        return Long.parseLong(o.getJsonObject("metadata").getString("resourceVersion"));
    }

    /** fabric8 releases a lease by renewing it for one second (holderIdentity stays), so a standby takes it at once. */
    private static void assertReleased(JsonObject lease) {
        assertThat(lease.getJsonObject("spec").getInteger("leaseDurationSeconds")).as("lease released").isEqualTo(1);
    }

    private JsonObject nsg(String name) {
        return api.get("network.azure.com/v1api20201101", "networksecuritygroups", "default", name);
    }

    @Test
    void aSlowPutAnsweredDuringStopHasItsResultWrittenBeforeTheLeaseIsReleased() {
        Operator operator = leader();
        h.emulator.seed(rgId("rg-net"), new JsonObject().put("location", "westcentralus"));
        h.emulator.holdOperations(true); // the NSG's operation stays in progress: its poller token must be kept
        h.emulator.setLatency(Duration.ofMillis(1_000));
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata: {name: nsg-slow, namespace: default}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                """.formatted(rgId("rg-net")));
        awaitTrue("the PUT is on the wire", () -> !h.requests("PUT", "/networkSecurityGroups/nsg-slow").isEmpty()
                && operator.leadership().inFlight() > 0, () -> "not yet");
        assertThat(nsg("nsg-slow").getJsonObject("metadata").getJsonObject("annotations", new JsonObject())
                .containsKey(Annotations.POLLER_RESUME_TOKEN)).as("no answer yet").isFalse();

        long started = System.nanoTime();
        h.stopOperator(operator);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonObject nsg = nsg("nsg-slow");
        assertThat(nsg.getJsonObject("metadata").getJsonObject("annotations").getString(Annotations.POLLER_RESUME_TOKEN))
                .as("the answer's operation URL, kept for the next leader").isNotBlank();
        JsonObject lease = lease();
        assertReleased(lease);
        assertThat(version(lease)).as("the lease is released after the token is written").isGreaterThan(version(nsg));
        assertThat(took).as("no need to wait for the drain timeout").isLessThan(DRAIN);
        assertThat(h.requests("PUT", "/networkSecurityGroups/nsg-slow")).hasSize(1);
    }

    @Test
    void aRequestThatNeverEndsHoldsStopNoLongerThanTheDrainTimeout() {
        Operator operator = leader();
        h.emulator.hangNext("PUT", ".*/resourceGroups/rg-hang$", Duration.ofSeconds(40), false, 1);
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-hang, namespace: default}
                spec: {location: westcentralus}
                """);
        awaitTrue("the PUT is on the wire", () -> !h.requests("PUT", "/resourceGroups/rg-hang").isEmpty()
                && operator.leadership().inFlight() > 0, () -> "not yet");

        long started = System.nanoTime();
        Future<Void> stopped = operator.stop();
        await(stopped);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("stop() within the drain timeout (and a little)")
                .isGreaterThanOrEqualTo(DRAIN.minusMillis(100)).isLessThan(DRAIN.plusSeconds(2));
        assertReleased(lease());
    }

    /** Requests waiting for budget are refused when the gate closes: nothing of theirs is on the wire to wait for. */
    @Test
    void requestsWaitingForBudgetDoNotHoldStopUntilTheDrainTimeout() {
        config = h.config(Map.of("LEADER_ELECTION", "true", "ARM_WRITE_LIMIT", "1/1h"));
        Operator operator = leader();
        for (String name : java.util.List.of("rg-first", "rg-second")) {
            h.apply("""
                    apiVersion: resources.azure.com/v1api20200601
                    kind: ResourceGroup
                    metadata: {name: %s, namespace: default}
                    spec: {location: westcentralus}
                    """.formatted(name));
        }
        awaitTrue("one PUT sent, one waiting for the write budget", () -> h.emulator.count("PUT", "/subscriptions/") == 1
                && operator.requestsWaiting() == 1, () -> "waiting: " + operator.requestsWaiting());

        long started = System.nanoTime();
        h.stopOperator(operator);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("no reconcile left to wait for").isLessThan(DRAIN);
        assertThat(operator.requestsWaiting()).isZero();
        assertThat(h.emulator.count("PUT", "/subscriptions/")).isOne();
        assertReleased(lease());
    }

    /** The lease is renewed on its own workers: Kubernetes work queued on kube-io cannot make the leader lose it. */
    @Test
    void leaseRenewalsGoOnWhileTheKubernetesWorkersAreBusy(Vertx vertx) throws InterruptedException {
        Operator operator = leader();
        io.vertx.core.WorkerExecutor kubeIo = vertx.createSharedWorkerExecutor("kube-io", 8); // the operator's pool
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            for (int i = 0; i < 8; i++) {
                kubeIo.executeBlocking(() -> release.await(30, java.util.concurrent.TimeUnit.SECONDS), false);
            }
            long before = version(lease());
            Thread.sleep(3_000); // longer than the renew deadline (2 s)
            assertThat(version(lease())).as("renewed meanwhile").isGreaterThan(before);
            assertThat(operator.leadership().leading()).isTrue();
        } finally {
            release.countDown();
        }
    }
}
