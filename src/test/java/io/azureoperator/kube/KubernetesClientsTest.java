package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class KubernetesClientsTest {

    @Test
    void anHttpProxyTurnsToTheJdkClient() {
        Config direct = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").build();
        assertThat(KubernetesClients.usesProxy(direct)).isFalse();
        assertThat(KubernetesClients.usesProxy(new ConfigBuilder(direct).withHttpsProxy("http://proxy:3128").build()))
                .isTrue();
        assertThat(KubernetesClients.usesProxy(new ConfigBuilder(direct).withHttpProxy("http://proxy:3128").build()))
                .isTrue();
    }
}
