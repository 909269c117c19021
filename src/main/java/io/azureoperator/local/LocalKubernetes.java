package io.azureoperator.local;

import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.KubernetesClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;

/** A Kubernetes API running in this process, with the operator's CRDs installed: what tests and --local talk to. */
public interface LocalKubernetes extends AutoCloseable {
    /** A client of this API (the operator's own). */
    KubernetesClient client();

    /** Another, independent client (a second operator instance, or a test acting as the user). */
    KubernetesClient newClient();

    /** The fabric8 configuration of a client of this API. */
    Config config();

    /** A client for an operator instance running on {@code vertx}: the one it has in production. */
    default KubernetesClient newOperatorClient(Vertx vertx, OperatorConfig operator, KindRegistry kinds) {
        return KubernetesClients.forOperator(vertx, config(), operator, kinds);
    }

    @Override
    void close();
}
