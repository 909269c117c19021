package io.azureoperator.local;

import io.azureoperator.apiserver.InMemoryApiServer;
import io.azureoperator.kinds.CrdFactory;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The {@link InMemoryApiServer} on 127.0.0.1 with the operator's CRDs installed. */
public final class InMemoryKubernetes implements LocalKubernetes {
    private final InMemoryApiServer server;
    private final KubernetesClient client;

    private InMemoryKubernetes(InMemoryApiServer server) {
        this.server = server;
        this.client = server.newClient();
    }

    /** Blocks until the server listens: call it off the event loop. */
    public static InMemoryKubernetes start(Vertx vertx, KindRegistry kinds) {
        InMemoryApiServer server = InMemoryApiServer.start(vertx, "127.0.0.1", 0)
                .toCompletionStage().toCompletableFuture().join();
        for (KindDescriptor kind : kinds.all()) {
            server.registerCrd(new JsonObject(Serialization.asJson(CrdFactory.crd(kind))));
        }
        return new InMemoryKubernetes(server);
    }

    /** The server itself: its Java API and test knobs. */
    public InMemoryApiServer server() {
        return server;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public KubernetesClient newClient() {
        return server.newClient();
    }

    @Override
    public Config config() {
        return server.config();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
