package io.azureoperator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;

/**
 * The operator's Kubernetes client: fabric8 on the operator's own Vert.x instance, so watches and writes run on its
 * event loops instead of a second HTTP stack with its own threads (at a burst of creates, fabric8's JDK HTTP client
 * cost about a third more CPU per write). With an HTTP proxy configured, the JDK client is used: fabric8's Vert.x 5
 * client needs a newer Vert.x than this operator's for some proxy authorizations.
 */
public final class KubernetesClients {
    private KubernetesClients() {
    }

    public static KubernetesClient forOperator(Vertx vertx, Config config) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
        if (usesProxy(config)) {
            return builder.build();
        }
        return builder.withHttpClientFactory(new Vertx5HttpClientFactory(vertx)).build();
    }

    static boolean usesProxy(Config config) {
        return notBlank(config.getHttpProxy()) || notBlank(config.getHttpsProxy());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
