package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.KindRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics serves ASO's ARM request metrics and the operator's own, in Prometheus text. */
@ExtendWith(VertxExtension.class)
class MetricsEndpointTest {
    private OperatorHarness h;
    private WebClient web;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        web.close();
        h.close();
    }

    @Test
    void metricsNameArmRequestsReconcilesQueuesAndTheBudget(Vertx vertx) throws Exception {
        Operator operator = h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1h"));
        h.emulator.failNext("PUT", ".*/resourceGroups/rg-metrics$", 503, "ServiceUnavailable", "busy", 1);
        h.emulator.resetNext("PUT", ".*/resourceGroups/rg-metrics$", false, 1); // no answer at all
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-metrics, namespace: default}
                spec: {location: westcentralus}
                """);
        h.awaitSucceeded("ResourceGroup", "default", "rg-metrics", 1);
        HttpServer server = OperatorHarness.await(HealthServer.start(vertx, 0, operator::synced, operator::role,
                operator.metrics()::scrape));
        try {
            OperatorHarness.awaitTrue("budget gauges exported", () -> scrape(server).contains(
                    "azure_operator_effective_sync_period_seconds{subscription="), () -> scrape(server));
            String text = scrape(server);
            assertThat(text)
                    // ASO's meaning: "successful" = ARM answered (any code), "failed" = no answer
                    .contains("azure_successful_requests_total{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\",responseCode=\"201\"} 1.0")
                    .contains("azure_successful_requests_total{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\",responseCode=\"503\"} 1.0")
                    .contains("azure_failed_requests_total{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\"} 1.0")
                    .contains("# TYPE azure_requests_time_seconds histogram")
                    .contains("azure_requests_time_seconds_bucket{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\",le=\"0.005\"}")
                    .contains("azure_requests_time_seconds_bucket{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\",le=\"10.0\"}")
                    .contains("azure_requests_time_seconds_bucket{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\",le=\"+Inf\"} 3")
                    .contains("azure_requests_time_seconds_count{requestType=\"PUT\",resource=\"Microsoft.Resources/"
                            + "resourceGroups\"} 3")
                    .contains("azure_operator_reconciles_total{kind=\"ResourceGroup\",result=\"in_sync\"}")
                    .contains("azure_operator_reconciles_total{kind=\"ResourceGroup\",result=\"retry\"}")
                    .contains("azure_operator_queue_depth{kind=\"ResourceGroup\"}")
                    .contains("azure_operator_budget_tokens_left{class=\"write\",subscription=\"" + OperatorHarness.SUBSCRIPTION + "\"}")
                    .contains("azure_operator_budget_requests_waiting{class=\"read\"")
                    .contains("azure_operator_effective_sync_period_seconds{subscription=\"" + OperatorHarness.SUBSCRIPTION
                            + "\"} 3600.0");
        } finally {
            OperatorHarness.await(server.close());
        }
    }

    /** An operator with nothing to do yet still shows the global credential's budget. */
    @Test
    void theGlobalSubscriptionsBudgetIsShownBeforeAnyRequest(Vertx vertx) {
        Operator operator = h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1h"));
        HttpServer server = OperatorHarness.await(HealthServer.start(vertx, 0, operator::synced, operator::role,
                operator.metrics()::scrape));
        try {
            String sub = "subscription=\"" + OperatorHarness.SUBSCRIPTION + "\"";
            OperatorHarness.awaitTrue("budget gauges exported", () -> scrape(server).contains(
                    "azure_operator_budget_tokens_left{class=\"write\"," + sub + "} 1200.0"), () -> scrape(server));
            assertThat(scrape(server))
                    .contains("azure_operator_budget_requests_waiting{class=\"read\"," + sub + "} 0.0")
                    .contains("azure_operator_effective_sync_period_seconds{" + sub + "} 3600.0");
            assertThat(h.emulator.requests()).isEmpty();
        } finally {
            OperatorHarness.await(server.close());
        }
    }

    private String scrape(HttpServer server) {
        return OperatorHarness.await(web.get(server.actualPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }
}
