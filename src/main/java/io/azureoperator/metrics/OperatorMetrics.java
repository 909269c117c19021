package io.azureoperator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The operator's metrics, in Prometheus text at /metrics. ARM request metrics keep ASO's names
 * ({@code azure_successful_requests_total}, {@code azure_failed_requests_total}, {@code azure_requests_time_seconds});
 * the operator's own are prefixed {@code azure_operator_}.
 */
public final class OperatorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> depths = new ConcurrentHashMap<>();

    /** One ARM request: {@code resourceType} is the ARM type (or "operation"/"list"), {@code status} 0 = no answer. */
    public void armRequest(String resourceType, String method, int status, Duration elapsed) {
        Timer.builder("azure_requests_time").description("ARM request latency")
                .tags("resource_type", resourceType, "request_type", method)
                .register(registry).record(elapsed);
        boolean ok = status >= 200 && status < 300 || status == 404 && method.equals("DELETE");
        if (ok) {
            Counter.builder("azure_successful_requests").description("ARM requests that succeeded")
                    .tags("resource_type", resourceType, "request_type", method).register(registry).increment();
        } else {
            Counter.builder("azure_failed_requests").description("ARM requests that failed")
                    .tags("resource_type", resourceType, "request_type", method,
                            "response_code", status == 0 ? "none" : Integer.toString(status))
                    .register(registry).increment();
        }
    }

    /** One finished reconcile of {@code kind}, by what it decided (in_sync, poll, retry, wait, forget). */
    public void reconciled(String kind, String result) {
        Counter.builder("azure_operator_reconciles").description("Reconciles by result")
                .tags("kind", kind, "result", result).register(registry).increment();
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
