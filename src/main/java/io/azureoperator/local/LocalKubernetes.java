package io.azureoperator.local;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A Kubernetes API running in this process, with the operator's CRDs installed: what tests and --local talk to. */
public interface LocalKubernetes extends AutoCloseable {
    /** A client of this API (the operator's own). */
    KubernetesClient client();

    /** Another, independent client (a second operator instance, or a test acting as the user). */
    KubernetesClient newClient();

    @Override
    void close();
}
