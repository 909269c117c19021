package io.azureoperator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
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
 * message. Fire and forget.
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final Duration DEDUP_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 10_000;

    private final KubernetesRequests requests;
    private final Clock clock;
    private final Map<String, Instant> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.requests = new KubernetesRequests(client);
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
        JsonObject event = new JsonObject().put("apiVersion", "v1").put("kind", "Event")
                .put("metadata", new JsonObject().put("generateName", r.getMetadata().getName() + ".")
                        .put("namespace", ns))
                .put("involvedObject", new JsonObject().put("apiVersion", r.getApiVersion()).put("kind", r.getKind())
                        .put("namespace", ns).put("name", r.getMetadata().getName())
                        .put("uid", r.getMetadata().getUid()))
                .put("type", type).put("reason", reason).put("message", message)
                .put("firstTimestamp", now.toString()).put("lastTimestamp", now.toString()).put("count", 1)
                .put("source", new JsonObject().put("component", "azure-operator"));
        requests.post("api/v1/namespaces/" + ns + "/events", event)
                .onFailure(t -> LOG.debug("{} {}/{}: event {} not recorded: {}", r.getKind(), ns,
                        r.getMetadata().getName(), reason, t.getMessage()));
    }
}
