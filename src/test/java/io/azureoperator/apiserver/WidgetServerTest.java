package io.azureoperator.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class's in-memory API server serving the Widget CRD ({@link Widgets}), and a fabric8 client of it. */
abstract class WidgetServerTest {
    static Vertx vertx;
    static InMemoryApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void startServer() {
        vertx = Vertx.vertx();
        server = Widgets.startServer(vertx);
        client = server.newClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> widgets() {
        return client.genericKubernetesResources(Widgets.CONTEXT);
    }
}
