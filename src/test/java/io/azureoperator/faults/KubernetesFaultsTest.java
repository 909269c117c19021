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
 * What the mock API server lets us do to the operator's Kubernetes side: users writing the same CR while the
 * operator writes it (its updates carry a resourceVersion, so they get 409 Conflict), and a CR deleted and
 * re-created under the same name while an ARM operation is in flight. (Watch disconnects and 410 Gone relists are
 * not reachable through the mock in CRUD mode without operator hooks; see the report.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class KubernetesFaultsTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        Specs.seedResourceGroup(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @org.junit.jupiter.api.Disabled("fabric8's mock API server accepts a status update with a stale resourceVersion "
            + "and stores the whole object it carries, spec included, so a user's newer spec can be rolled back by the "
            + "operator's status write; a real API server ignores spec on /status and answers 409. Needs a real API "
            + "server (kind/envtest) to run meaningfully.")
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
}
