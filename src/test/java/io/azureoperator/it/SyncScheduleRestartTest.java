package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.reconcile.SyncSchedule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sync schedule lives on the resources (status.nextSyncTime): a created resource is next synced about one
 * period later, idle syncs write nothing to Kubernetes, and a restarted operator continues the recorded phases
 * (no burst of syncs, so no burst of GETs, when it starts). On the in-memory API server (real status writes).
 */
@ExtendWith(VertxExtension.class)
class SyncScheduleRestartTest {
    private static final long PERIOD = 2_000;
    /** How late a sync may reach the emulator after its slot (timer, queue, budget, HTTP). */
    private static final long LATE = 400;
    private static final List<String> NAMES = List.of("rg-s1", "rg-s2", "rg-s3", "rg-s4", "rg-s5");
    private static final Map<String, String> ENV = Map.of("AZURE_SYNC_PERIOD", "2s", "DRIFT_DETECTION", "get");

    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRestartedOperatorContinuesTheRecordedScheduleWithoutABurst() throws Exception {
        Operator first = h.startOperator(ENV);
        NAMES.forEach(n -> h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westcentralus}
                """.formatted(n)));
        NAMES.forEach(n -> h.awaitSucceeded("ResourceGroup", "default", n, 1));
        long ready = System.currentTimeMillis();

        Map<String, Long> recorded = new HashMap<>();
        Map<String, String> versions = new HashMap<>();
        for (String n : NAMES) {
            GenericKubernetesResource r = h.resource("ResourceGroup", "default", n).get();
            long at = SyncSchedule.recorded(r).orElseThrow(() -> new AssertionError(n + " has no nextSyncTime"));
            assertThat(at).as("%s: next sync about one period after its status was written", n)
                    .isBetween(ready + PERIOD * 9 / 10 - 1_000, ready + PERIOD * 11 / 10);
            recorded.put(n, at);
            versions.put(n, r.getMetadata().getResourceVersion());
            assertThat(gets(n, 0, Long.MAX_VALUE)).as("%s: not synced right after it was created", n)
                    .noneMatch(t -> t < at);
        }

        Thread.sleep(PERIOD + 500); // every resource syncs once
        h.stopOperator(first);
        long restart = System.currentTimeMillis();
        h.startOperator(ENV);
        Thread.sleep(2 * PERIOD + 200);
        long end = System.currentTimeMillis();

        for (String n : NAMES) {
            long phase = recorded.get(n);
            List<Long> after = gets(n, restart, end);
            for (long t : after) {
                assertThat(Math.floorMod(t - phase, PERIOD)).as("%s: GET at %d ms after the restart is on the "
                        + "recorded phase", n, t - restart).isLessThan(LATE);
            }
            assertThat((long) after.size()).as("%s: one GET per slot after the restart, no more", n)
                    .isBetween(slots(phase, restart + LATE, end - LATE), slots(phase, restart - LATE, end));
            assertThat(h.resource("ResourceGroup", "default", n).get().getMetadata().getResourceVersion())
                    .as("%s: idle syncs write nothing to Kubernetes", n).isEqualTo(versions.get(n));
        }
        assertThat(h.requests("PUT", "")).hasSize(NAMES.size());
    }

    private List<Long> gets(String name, long from, long to) {
        return h.requests("GET", "/resourceGroups/" + name).stream().map(RecordedRequest::receivedAt)
                .filter(t -> t >= from && t < to).toList();
    }

    /** Slots {@code phase + k × PERIOD} in [from, to). */
    private static long slots(long phase, long from, long to) {
        long first = phase + Math.floorDiv(from - phase + PERIOD - 1, PERIOD) * PERIOD;
        return first >= to ? 0 : (to - 1 - first) / PERIOD + 1;
    }
}
