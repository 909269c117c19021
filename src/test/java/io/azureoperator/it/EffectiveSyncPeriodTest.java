package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.kinds.KindRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The effective sync period is what the resources get, though the backlog never reaches the budget: 20 resources
 * due every second, one sync slot (MAX_CONCURRENT_RECONCILES=2) and 100 ms per ARM answer make a round last
 * about 2 s, while the budget never holds a request back.
 */
@ExtendWith(VertxExtension.class)
class EffectiveSyncPeriodTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aBacklogInTheKindQueueStretchesTheReportedPeriod() throws Exception {
        h.emulator.setLatency(Duration.ofMillis(100));
        Operator op = h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "get",
                "MAX_CONCURRENT_RECONCILES", "2"));
        IntStream.range(0, 20).forEach(i -> h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-e%d, namespace: default}
                spec: {location: westcentralus}
                """.formatted(i)));
        IntStream.range(0, 20).forEach(i -> h.awaitSucceeded("ResourceGroup", "default", "rg-e" + i, 1));
        Thread.sleep(7_000);
        assertThat(op.budgetStats()).as("the budget never made a sync wait")
                .allSatisfy(s -> assertThat(s.oldestSyncWaitMillis()).isLessThan(500));
        assertThat(op.effectiveSyncPeriod(OperatorHarness.SUBSCRIPTION)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofMillis(1_700), Duration.ofSeconds(4)));
    }
}
