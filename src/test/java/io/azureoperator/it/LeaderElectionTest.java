package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.awaitTrue;
import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.lead.ElectionSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several instances against one mock Kubernetes API with LEADER_ELECTION=true: only the lease holder sends
 * ARM requests (the instances use different tokens, so the emulator tells them apart); a graceful stop
 * hands over well within the lease time without any request sent twice; a leader whose lease is taken
 * stops sending at once.
 */
@ExtendWith(VertxExtension.class)
class LeaderElectionTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEW = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(200);
    private static final String LEASE_NAME = ElectionSettings.LEASE_NAME;

    private OperatorHarness h;
    private OperatorConfig config;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        config = h.config(Map.of("LEADER_ELECTION", "true"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Operator instance(String name) {
        ElectionSettings election = ElectionSettings.defaults(config.podNamespace(), name)
                .withTimings(LEASE, RENEW, RETRY).withDrainTimeout(Duration.ofSeconds(5));
        return h.startOperator(config, "token-" + name, election);
    }

    private static String rg(String name) {
        return """
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westcentralus}
                """.formatted(name);
    }

    private Lease lease() {
        return h.user.leases().inNamespace("default").withName(LEASE_NAME).get();
    }

    private static void awaitLeading(Operator o) {
        awaitTrue(o.leadership().identity() + " leading", () -> o.leadership().leading(), o.leadership()::toString);
    }

    /** PUT/DELETE/POST/PATCH per ARM path: nothing may be written twice. */
    private Map<String, Long> writesByPath() {
        return h.emulator.requests().stream().filter(r -> !r.method().equals("GET"))
                .collect(Collectors.groupingBy(r -> r.method() + " " + r.path(), Collectors.counting()));
    }

    @Test
    void onlyTheLeaderSendsArmRequestsAndAGracefulStopHandsOverWithoutSendingAnythingTwice() {
        Operator a = instance("a");
        awaitLeading(a);
        Operator b = instance("b");
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("a");
        assertThat(b.role()).isEqualTo("standby");

        for (int i = 1; i <= 3; i++) {
            h.apply(rg("rg-" + i));
        }
        for (int i = 1; i <= 3; i++) {
            h.awaitSucceeded("ResourceGroup", "default", "rg-" + i, 1);
        }
        assertThat(h.requestsWithToken("token-a")).isNotEmpty();
        assertThat(h.requestsWithToken("token-b")).isEmpty();
        assertThat(b.arm().sentCounts().values()).allMatch(n -> n == 0);
        assertThat(b.role()).isEqualTo("standby");
        // the standby's caches are warm
        assertThat(b.caches().values().stream().mapToInt(c -> c.all().size()).sum()).isEqualTo(3);

        // a long-running operation is in flight when the leader is stopped
        h.emulator.seed(rgId("rg-net"), new JsonObject().put("location", "westcentralus"));
        h.emulator.holdOperations(true);
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata: {name: nsg1, namespace: default}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                """.formatted(rgId("rg-net")));
        awaitTrue("poller-resume-token written", () -> {
            GenericKubernetesResource r = h.resource("NetworkSecurityGroup", "default", "nsg1").get();
            return r.getMetadata().getAnnotations() != null
                    && r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN);
        }, () -> "not yet");

        h.stopOperator(a);
        long stoppedAt = System.nanoTime();
        // the graceful stop kept the poll state on the resource and released the lease
        assertThat(h.resource("NetworkSecurityGroup", "default", "nsg1").get().getMetadata().getAnnotations())
                .containsKey(Annotations.POLLER_RESUME_TOKEN);
        int sentByA = h.requestsWithToken("token-a").size();
        awaitLeading(b);
        Duration handover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(handover).as("handover after a released lease").isLessThan(LEASE);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("b");

        h.emulator.holdOperations(false);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "nsg1", 1);
        h.apply(rg("rg-after"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-after", 1);

        assertThat(h.requestsWithToken("token-a")).hasSize(sentByA); // nothing from the old leader after stop
        assertThat(h.requests("PUT", "/networkSecurityGroups/nsg1")).hasSize(1)
                .allMatch(r -> "Bearer token-a".equals(r.header("Authorization")));
        assertThat(h.requests("PUT", "/resourceGroups/rg-after")).hasSize(1)
                .allMatch(r -> "Bearer token-b".equals(r.header("Authorization")));
        assertThat(writesByPath()).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1L));
        h.awaitNoOperationInFlight("NetworkSecurityGroup", "default", "nsg1");
    }

    /** A user's edit of the Lease, made again on a conflict with the leader's renewals (as kubectl edit would be). */
    private void editLease(UnaryOperator<Lease> change) {
        for (int attempt = 0; ; attempt++) {
            try {
                h.user.leases().inNamespace("default").withName(LEASE_NAME).edit(change);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aLeaderWhoseLeaseIsTakenStopsSendingAtOnceAndStandsAgain() throws InterruptedException {
        Operator a = instance("a");
        awaitLeading(a);
        h.apply(rg("rg-1"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-1", 1);
        // and one resource keeps failing, so a's verticle has retries scheduled when the lease goes
        h.emulator.failNext("PUT", ".*/resourceGroups/rg-flaky$", 503, "ServiceUnavailable", "try later", 1000);
        h.apply(rg("rg-flaky"));
        awaitTrue("rg-flaky retried", () -> h.requests("PUT", "/resourceGroups/rg-flaky").size() >= 2, () -> "");

        // someone else takes the lease (as if a's renewals had not reached the API server in time)
        editLease(l -> {
            l.getSpec().setHolderIdentity("intruder");
            l.getSpec().setLeaseDurationSeconds(3600);
            l.getSpec().setRenewTime(ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS));
            return l;
        });
        awaitTrue("a stepped down", () -> !a.leadership().leading(), a.leadership()::toString);
        int sentByA = h.requestsWithToken("token-a").size();
        assertThat(a.role()).isEqualTo("standby");

        h.apply(rg("rg-2"));
        Thread.sleep(300); // a reconcile that was running when the lease went may write its outcome once
        String flakyVersion = h.resource("ResourceGroup", "default", "rg-flaky").get().getMetadata()
                .getResourceVersion();
        Thread.sleep(1500); // several retry delays (200 ms base)
        assertThat(h.resource("ResourceGroup", "default", "rg-flaky").get().getMetadata().getResourceVersion())
                .as("no retries from the old term").isEqualTo(flakyVersion);
        assertThat(h.requests("PUT", "/resourceGroups/rg-2")).isEmpty();
        assertThat(h.requestsWithToken("token-a")).hasSize(sentByA);
        assertThat(h.resource("ResourceGroup", "default", "rg-2").get().getMetadata().getFinalizers())
                .as("a standby writes nothing").isNullOrEmpty();

        // the intruder goes away: a, still a candidate, takes the lease and does the pending work once
        editLease(l -> {
            l.getSpec().setHolderIdentity(null);
            return l;
        });
        awaitLeading(a);
        h.awaitSucceeded("ResourceGroup", "default", "rg-2", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-2")).hasSize(1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-1")).hasSize(1);
    }

    @Test
    void aStandbyTakesOverFromALeaderThatDiedWithoutReleasingOnceTheLeaseExpires() {
        // a leader that died (no release): its lease was renewed just now, for LEASE
        ZonedDateTime now = ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS);
        h.user.leases().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.coordination.v1
                .LeaseBuilder().withNewMetadata().withName(LEASE_NAME).withNamespace("default").endMetadata()
                .withNewSpec().withHolderIdentity("dead").withLeaseDurationSeconds((int) LEASE.toSeconds())
                .withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0).endSpec().build()).create();
        long start = System.nanoTime();
        Operator b = instance("b");
        h.apply(rg("rg-orphan"));
        awaitLeading(b);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).as("not before the dead leader's lease expired").isGreaterThan(LEASE.minusMillis(500));
        assertThat(waited).as("soon after it expired").isLessThan(LEASE.plus(RETRY.multipliedBy(5)).plusSeconds(1));
        h.awaitSucceeded("ResourceGroup", "default", "rg-orphan", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-orphan")).hasSize(1)
                .allMatch(r -> "Bearer token-b".equals(r.header("Authorization")));
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void readyzStatesLeadingOrStandby(Vertx vertx) throws Exception {
        Operator a = instance("a");
        awaitLeading(a);
        Operator b = instance("b");
        HttpServer sa = OperatorHarness.await(HealthServer.start(vertx, 0, a::synced, a::role, a.metrics()::scrape));
        HttpServer sb = OperatorHarness.await(HealthServer.start(vertx, 0, b::synced, b::role, b.metrics()::scrape));
        try {
            assertThat(get(sa.actualPort(), "/readyz")).isEqualTo("200 ready: leading\n");
            assertThat(get(sb.actualPort(), "/readyz")).isEqualTo("200 ready: standby\n");
            assertThat(get(sb.actualPort(), "/healthz")).isEqualTo("200 ok\n");
            h.stopOperator(a);
            assertThat(get(sa.actualPort(), "/readyz")).isEqualTo("503 stopping\n");
            awaitLeading(b);
            assertThat(get(sb.actualPort(), "/readyz")).isEqualTo("200 ready: leading\n");
        } finally {
            OperatorHarness.await(sa.close());
            OperatorHarness.await(sb.close());
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

}
