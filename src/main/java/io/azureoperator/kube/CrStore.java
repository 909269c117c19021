package io.azureoperator.kube;

import io.azureoperator.kinds.KindDescriptor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Writes to custom resources. Every write is an update carrying the resourceVersion the change was computed
 * from, so a concurrent change fails with 409 instead of being overwritten. The requests go straight through
 * fabric8's HTTP client (its authentication, TLS and retries) without a worker thread: fabric8's blocking
 * {@code update()} cost about three times the CPU (see {@link KubernetesRequests}).
 */
public final class CrStore {
    private final KubernetesRequests requests;

    public CrStore(KubernetesClient client) {
        this.requests = new KubernetesRequests(client);
    }

    /** Applies {@code change} to a copy of the resource's metadata and updates the resource. */
    public Future<GenericKubernetesResource> updateMetadata(KindDescriptor kind, GenericKubernetesResource current,
                                                            Consumer<ObjectMeta> change) {
        GenericKubernetesResource copy = copy(current);
        change.accept(copy.getMetadata());
        return requests.put(path(kind.context(), copy), body(copy, null, requests.asJson(copy.getMetadata())));
    }

    /** The resource as the API server has it now (the cache may lag). */
    public Future<GenericKubernetesResource> get(KindDescriptor kind, GenericKubernetesResource r) {
        return requests.get(path(kind.context(), r));
    }

    /** Replaces the resource's status (status subresource). */
    public Future<GenericKubernetesResource> updateStatus(KindDescriptor kind, GenericKubernetesResource current,
                                                          JsonObject status) {
        return requests.put(path(kind.context(), current) + "/status",
                body(current, status, requests.asJson(current.getMetadata())));
    }

    /**
     * The resource as JSON, with {@code status} in place of its own when given. The metadata comes as fabric8
     * serialized it ({@code metadataJson}) and is spliced in as text: parsing it only to encode it again cost
     * about 5% of the operator's CPU in a burst of creates.
     */
    static String body(GenericKubernetesResource r, JsonObject status, String metadataJson) {
        JsonObject rest = new JsonObject(new LinkedHashMap<>(r.getAdditionalProperties()));
        if (status != null) {
            rest.put("status", status);
        }
        String head = "{\"apiVersion\":" + Json.encode(r.getApiVersion()) + ",\"kind\":" + Json.encode(r.getKind())
                + ",\"metadata\":" + metadataJson;
        return rest.isEmpty() ? head + "}" : head + "," + rest.encode().substring(1);
    }

    private static String path(ResourceDefinitionContext context, GenericKubernetesResource r) {
        return "apis/" + context.getGroup() + "/" + context.getVersion() + "/namespaces/"
                + r.getMetadata().getNamespace() + "/" + context.getPlural() + "/" + r.getMetadata().getName();
    }

    /**
     * A copy to write: its own metadata (changed by the caller) and its own top-level map; spec and status values
     * are shared, never changed. A JSON round trip here cost ~8% of the operator's CPU at a burst of creates.
     */
    static GenericKubernetesResource copy(GenericKubernetesResource r) {
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(r.getApiVersion());
        copy.setKind(r.getKind());
        copy.setMetadata(new ObjectMetaBuilder(r.getMetadata()).build());
        r.getAdditionalProperties().forEach(copy::setAdditionalProperty);
        return copy;
    }
}
