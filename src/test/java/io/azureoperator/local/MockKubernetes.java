package io.azureoperator.local;

import io.azureoperator.kinds.CrdFactory;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;

/**
 * An in-memory Kubernetes API (fabric8's mock server in CRUD mode) on 127.0.0.1 with the operator's
 * CRDs installed, for the tests ({@code --local} runs the in-memory API server).
 */
public final class MockKubernetes implements LocalKubernetes {
    /** The mock server logs every request through java.util.logging at INFO; held so the level sticks. */
    private static final java.util.logging.Logger QUIET =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        QUIET.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockKubernetes(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static MockKubernetes start(KindRegistry kinds) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        KubernetesClient client = server.createClient();
        for (KindDescriptor kind : kinds.all()) {
            client.apiextensions().v1().customResourceDefinitions().resource(CrdFactory.crd(kind)).create();
        }
        return new MockKubernetes(server, client);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public KubernetesClient newClient() {
        return server.createClient();
    }

    @Override
    public Config config() {
        return client.getConfiguration();
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // fabric8's mock server can block its own event loop while a closing watch drains
            // (WatchEventsListener.onClosed awaits an executor), and then times out closing: nothing is lost
            org.slf4j.LoggerFactory.getLogger(MockKubernetes.class).warn("mock API server: {}", e.getMessage());
        }
    }
}
