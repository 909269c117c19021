package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.util.Map;
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

    @Test
    void thePoolHoldsEveryWatchAndRoomForRequests() {
        KindRegistry kinds = KindRegistry.builtIn();
        int perKind = kinds.all().size();
        assertThat(KubernetesClients.watches(ConfigLoader.fromEnv(Map.of()), kinds)).isEqualTo(perKind + 1);
        assertThat(KubernetesClients.watches(ConfigLoader.fromEnv(Map.of("AZURE_TARGET_NAMESPACES", "a,b,c")), kinds))
                .isEqualTo(3 * perKind + 1);
    }
}
