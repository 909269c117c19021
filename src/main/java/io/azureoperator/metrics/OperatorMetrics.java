package io.azureoperator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's metrics, in Prometheus text at /metrics. ARM request metrics are ASO v2's: same names, label
 * names, types and meaning ({@code azure_successful_requests_total{resource,requestType,responseCode}}: requests
 * that got an HTTP answer, whatever its code; {@code azure_failed_requests_total{resource,requestType}}: requests
 * that got none; {@code azure_requests_time_seconds{resource,requestType}}: a histogram with Prometheus' default
 * buckets), so ASO dashboards and alerts carry over. The operator's own are prefixed {@code azure_operator_}.
 */
public final class OperatorMetrics {
    /** Prometheus' default histogram buckets, as ASO's (client_golang) histogram has them. */
    private static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> depths = new ConcurrentHashMap<>();
    /** Meters by their label values: looking one up in the registry builds its ID anew (~2% of a burst's CPU). */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /**
     * One ARM request: {@code resourceType} is the ARM type (or "operation": an operation URL or a LIST), {@code status} the HTTP status
     * of the answer, 0 when there was none (connection refused or reset, timeout).
     */
    public void armRequest(String resourceType, String method, int status, Duration elapsed) {
        timers.computeIfAbsent(List.of(resourceType, method), k -> Timer.builder("azure_requests_time")
                .description("Length of time per ARM request")
                .tags("resource", resourceType, "requestType", method)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(elapsed);
        if (status != 0) {
            String code = Integer.toString(status);
            counter(List.of("azure_successful_requests", resourceType, method, code), () -> Counter
                    .builder("azure_successful_requests")
                    .description("ARM requests that got an answer; responseCode may be a failure such as 4xx or 5xx")
                    .tags("resource", resourceType, "requestType", method, "responseCode", code)).increment();
        } else {
            counter(List.of("azure_failed_requests", resourceType, method), () -> Counter
                    .builder("azure_failed_requests").description("ARM requests that got no answer")
                    .tags("resource", resourceType, "requestType", method)).increment();
        }
    }

    /** One finished reconcile of {@code kind}, by what it decided (in_sync, poll, retry, wait, forget). */
    public void reconciled(String kind, String result) {
        counter(List.of("azure_operator_reconciles", kind, result), () -> Counter.builder("azure_operator_reconciles")
                .description("Reconciles by result").tags("kind", kind, "result", result)).increment();
    }

    private Counter counter(List<String> key, Supplier<Counter.Builder> builder) {
        return counters.computeIfAbsent(key, k -> builder.get().register(registry));
    }

    /** Resources queued or running for {@code kind}: one gauge per kind, set by whoever reconciles it now. */
    public AtomicInteger queueDepth(String kind) {
        return depths.computeIfAbsent(kind, k -> {
            AtomicInteger depth = new AtomicInteger();
            Gauge.builder("azure_operator_queue_depth", depth, AtomicInteger::get)
                    .description("Resources queued or being reconciled").tag("kind", k).register(registry);
            return depth;
        });
    }

    /** Rows of a labelled gauge that come and go (e.g. one per subscription and budget class). */
    public MultiGauge multiGauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** A gauge with labels, e.g. budget tokens left per subscription and class. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
