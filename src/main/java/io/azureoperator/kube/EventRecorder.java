package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a resource for the transitions a person cares about. One event per resource, type and
 * reason within {@link #DEDUP_WINDOW}, whatever its message (ARM messages often differ on every try: request IDs,
 * timestamps), so a failing resource does not flood the API server; its Ready condition always has the latest
 * message. Fire and forget, on the kube-io worker pool.
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final Duration DEDUP_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 10_000;

    private final KubernetesClient client;
    private final WorkerExecutor worker;
    private final Clock clock;
    private final Map<String, Instant> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    public EventRecorder(KubernetesClient client, WorkerExecutor worker, Clock clock) {
        this.client = client;
        this.worker = worker;
        this.clock = clock;
    }

    public void normal(GenericKubernetesResource r, String reason, String message) {
        record(r, "Normal", reason, message);
    }

    public void warning(GenericKubernetesResource r, String reason, String message) {
        record(r, "Warning", reason, message);
    }

    private void record(GenericKubernetesResource r, String type, String reason, String message) {
        Instant now = clock.instant();
        String key = r.getMetadata().getUid() + "|" + type + "|" + reason;
        synchronized (recent) {
            Instant last = recent.get(key);
            if (last != null && last.plus(DEDUP_WINDOW).isAfter(now)) {
                return;
            }
            recent.put(key, now);
        }
        String ns = r.getMetadata().getNamespace();
        var event = new EventBuilder()
                .withNewMetadata().withGenerateName(r.getMetadata().getName() + ".").withNamespace(ns).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(r.getApiVersion()).withKind(r.getKind())
                        .withNamespace(ns).withName(r.getMetadata().getName()).withUid(r.getMetadata().getUid())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent("azure-operator").endSource()
                .build();
        worker.executeBlocking(() -> client.v1().events().inNamespace(ns).resource(event).create(), false)
                .onFailure(t -> LOG.debug("{} {}/{}: event {} not recorded: {}", r.getKind(), ns,
                        r.getMetadata().getName(), reason, t.getMessage()));
    }
}
