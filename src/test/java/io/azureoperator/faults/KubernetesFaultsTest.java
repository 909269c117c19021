package io.azureoperator.faults;

import static io.azureoperator.faults.Invariants.Tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Kubernetes side can do to the operator, on the in-memory API server (a real API server's semantics):
 * users writing the same CR while the operator writes it (both carry resourceVersions, so the loser gets 409
 * Conflict and a stale status write cannot roll a spec back), a CR deleted and re-created under the same name
 * while an ARM operation is in flight, watch connections cut while resources change, watches resumed from an
 * expired resourceVersion (410 Gone: the informers list again) with changes made in the gap, and 409s injected
 * into the operator's own writes. Each ends with the {@link Invariants}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class KubernetesFaultsTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
        Specs.seedResourceGroup(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void userUpdatesRacingTheOperatorsWritesConvergeOnTheLastSpec() throws InterruptedException {
        h.emulator.setLatency(Duration.ofMillis(20));
        h.startOperator(Map.of());
        h.apply(Specs.nsg("race", null));
        for (int i = 1; i <= 12; i++) {
            userTag("v" + i);
            Thread.sleep(25);
        }
        long generation = h.resource("NetworkSecurityGroup", "default", "race").get().getMetadata().getGeneration();
        h.awaitSucceeded("NetworkSecurityGroup", "default", "race", generation);
        assertThat(h.emulator.resource(Specs.nsgId("race")).orElseThrow().getJsonObject("tags").getString("v"))
                .isEqualTo("v12");
        assertThat(h.requests("PUT", "/networkSecurityGroups/race").size()).as("writes coalesce")
                .isLessThanOrEqualTo(13);
        Invariants.check(h, List.of(Tracked.live("NetworkSecurityGroup", "race", Specs.nsgId("race"))),
                List.of(Specs.RG_ID));
    }

    /** A user's edit is a patch carrying its resourceVersion: it too gets 409s from the operator's writes; retry. */
    private int conflicts;

    private void userTag(String value) {
        for (int attempt = 0; ; attempt++) {
            try {
                Specs.tag(h, "NetworkSecurityGroup", "race", value);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
                conflicts++;
            }
        }
    }

    @Test
    void deletedAndRecreatedWithTheSameNameMidOperation() {
        h.startOperator(Map.of());
        h.emulator.holdOperations(true);
        h.apply(Specs.nsg("again", null));
        OperatorHarness.awaitTrue("operation in flight", () -> {
            GenericKubernetesResource r = h.resource("NetworkSecurityGroup", "default", "again").get();
            return r.getMetadata().getAnnotations() != null
                    && r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN);
        }, () -> "no token");
        h.resource("NetworkSecurityGroup", "default", "again").delete();
        h.emulator.holdOperations(false);
        h.awaitGone("NetworkSecurityGroup", "default", "again");
        assertThat(h.emulator.resource(Specs.nsgId("again"))).isEmpty();

        h.apply(Specs.nsg("again", null));
        h.awaitSucceeded("NetworkSecurityGroup", "default", "again", 1);
        Invariants.check(h, List.of(Tracked.live("NetworkSecurityGroup", "again", Specs.nsgId("again"))
                .withCreations(2)), List.of(Specs.RG_ID));
    }

    @Test
    void watchesCutWhileResourcesChangeConverge() {
        h.startOperator(Map.of());
        for (String name : List.of("cut-1", "cut-2", "cut-3")) {
            h.apply(Specs.nsg(name, null));
        }
        cutWatches();
        h.apply(Specs.nsg("cut-4", null));
        Specs.tag(h, NSG, "cut-1", "v2");
        cutWatches();
        h.resource(NSG, "default", "cut-2").delete();
        h.apply(Specs.identity("cut-id", null));
        cutWatches();
        Specs.tag(h, NSG, "cut-3", "v2");
        h.apply(Specs.nsg("cut-5", null));
        cutWatches();

        h.awaitSucceeded(NSG, "default", "cut-1", 2);
        h.awaitSucceeded(NSG, "default", "cut-3", 2);
        for (String name : List.of("cut-1", "cut-3")) {
            assertThat(h.emulator.resource(Specs.nsgId(name)).orElseThrow().getJsonObject("tags").getString("v"))
                    .isEqualTo("v2");
        }
        h.awaitSucceeded(NSG, "default", "cut-4", 1);
        h.awaitSucceeded(NSG, "default", "cut-5", 1);
        h.awaitSucceeded("UserAssignedIdentity", "default", "cut-id", 1);
        Invariants.check(h, List.of(
                Tracked.live(NSG, "cut-1", Specs.nsgId("cut-1")),
                Tracked.deleted(NSG, "cut-2", Specs.nsgId("cut-2"), "manage"),
                Tracked.live(NSG, "cut-3", Specs.nsgId("cut-3")),
                Tracked.live(NSG, "cut-4", Specs.nsgId("cut-4")),
                Tracked.live(NSG, "cut-5", Specs.nsgId("cut-5")),
                Tracked.live("UserAssignedIdentity", "cut-id", Specs.identityId("cut-id"))), List.of(Specs.RG_ID));
    }

    @Test
    void anExpiredResourceVersionMakesTheOperatorListAgainAndCatchUp() {
        h.startOperator(Map.of());
        h.apply(Specs.nsg("gone-updated", null));
        h.apply(Specs.nsg("gone-deleted", null));
        h.awaitSucceeded(NSG, "default", "gone-updated", 1);
        h.awaitSucceeded(NSG, "default", "gone-deleted", 1);
        awaitWatching();
        long lists = nsgLists();

        h.apiServer().forgetHistory(); // etcd compacted: resuming from any version seen so far is 410 Gone
        h.apiServer().dropWatches();
        h.apply(Specs.nsg("gone-created", null));
        Specs.tag(h, NSG, "gone-updated", "v2");
        h.resource(NSG, "default", "gone-deleted").delete();

        h.awaitSucceeded(NSG, "default", "gone-created", 1);
        h.awaitSucceeded(NSG, "default", "gone-updated", 2);
        assertThat(h.emulator.resource(Specs.nsgId("gone-updated")).orElseThrow().getJsonObject("tags")
                .getString("v")).isEqualTo("v2");
        assertThat(nsgLists()).as("the informer listed again after 410").isGreaterThan(lists);
        Invariants.check(h, List.of(
                Tracked.live(NSG, "gone-created", Specs.nsgId("gone-created")),
                Tracked.live(NSG, "gone-updated", Specs.nsgId("gone-updated")),
                Tracked.deleted(NSG, "gone-deleted", Specs.nsgId("gone-deleted"), "manage")), List.of(Specs.RG_ID));
    }

    @Test
    void conflictsOnTheOperatorsOwnWritesAreRetried() {
        String path = "/networksecuritygroups/clash(/status)?$";
        h.apiServer().failNext("PUT", path, 409, 4);
        h.startOperator(Map.of());
        h.apply(Specs.nsg("clash", null));
        h.awaitSucceeded(NSG, "default", "clash", 1);
        assertThat(h.apiServer().requestCount("PUT", path)).as("4 conflicts, then writes that went through")
                .isGreaterThan(4);

        h.apiServer().failNext("PUT", path, 409, 3);
        Specs.tag(h, NSG, "clash", "v2");
        h.awaitSucceeded(NSG, "default", "clash", 2);
        assertThat(h.emulator.resource(Specs.nsgId("clash")).orElseThrow().getJsonObject("tags").getString("v"))
                .isEqualTo("v2");
        Invariants.check(h, List.of(Tracked.live(NSG, "clash", Specs.nsgId("clash"))), List.of(Specs.RG_ID));
    }

    private static final String NSG = "NetworkSecurityGroup";

    /** Waits until every informer of the operator watches, then cuts every watch connection. */
    /**
     * fabric8 stops an informer for good when a watch ends with an error other than 410 Gone (an event it cannot
     * read, a protocol error) unless told to retry: the kind would go deaf while /healthz and /readyz say all is well.
     */
    @Test
    void aWatchRefusedWithAnErrorIsRetriedAndTheKindKeepsReconciling() {
        h.startOperator(Map.of());
        awaitWatching();
        // an event whose object is no resource (a Status): fabric8 closes the watch with a WatcherException
        assertThat(h.apiServer().endWatches("MODIFIED", new io.vertx.core.json.JsonObject().put("kind", "Status")
                .put("apiVersion", "v1").put("status", "Failure").put("code", 500))).isPositive();
        awaitWatching();
        h.apiServer().failNext("WATCH", "/networksecuritygroups", 403, 1);
        assertThat(h.apiServer().dropWatches()).isPositive();
        OperatorHarness.awaitTrue("the refused watch was tried", () -> h.apiServer()
                .requestCount("GET", "/networksecuritygroups\\?.*watch=true") >= 3, () -> h.apiServer().requests()
                .stream().filter(r -> r.contains("networksecuritygroups")).toList().toString());
        h.apply(Specs.nsg("after-refusal", null));
        h.awaitSucceeded(NSG, "default", "after-refusal", 1);
    }

    private void cutWatches() {
        awaitWatching();
        assertThat(h.apiServer().dropWatches()).isPositive();
    }

    /** One watch per kind plus the namespaces informer's. */
    private void awaitWatching() {
        int informers = h.kinds.all().size() + 1;
        OperatorHarness.awaitTrue(informers + " watches open", () -> h.apiServer().openWatches() >= informers,
                () -> "open: " + h.apiServer().openWatches());
    }

    private long nsgLists() {
        return h.apiServer().requests().stream().filter(r -> r.startsWith("GET ")
                && r.contains("/networksecuritygroups") && !r.contains("watch=")).count();
    }
}
