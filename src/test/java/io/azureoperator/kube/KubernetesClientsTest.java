package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.local.InMemoryKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void informerEventsRunOnTheEventLoopThatReadThemAndOtherTasksOnAPoolThatStopsWithTheClient() throws Exception {
        KindRegistry kinds = KindRegistry.builtIn();
        KindDescriptor rg = kinds.find("resources.azure.com", "ResourceGroup").orElseThrow();
        Vertx vertx = Vertx.vertx();
        try (InMemoryKubernetes kube = InMemoryKubernetes.start(vertx, kinds)) {
            KubernetesClient client = KubernetesClients.forOperator(vertx, kube.config(),
                    ConfigLoader.fromEnv(Map.of()), kinds);
            CompletableFuture<Thread> handler = new CompletableFuture<>();
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(rg.context())
                    .inAnyNamespace().inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(GenericKubernetesResource r) {
                            handler.complete(Thread.currentThread());
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
                        }
                    });
            kube.server().create(new JsonObject().put("apiVersion", "resources.azure.com/v1api20200601")
                    .put("kind", "ResourceGroup")
                    .put("metadata", new JsonObject().put("name", "rg").put("namespace", "default"))
                    .put("spec", new JsonObject().put("location", "westus2")));
            assertThat(handler.get(10, TimeUnit.SECONDS).getName()).startsWith("vert.x-eventloop-thread-");

            CompletableFuture<Thread> scheduled = new CompletableFuture<>();
            client.adapt(BaseClient.class).getExecutor().execute(() -> scheduled.complete(Thread.currentThread()));
            Thread pooled = scheduled.get(10, TimeUnit.SECONDS);
            assertThat(pooled.getName()).startsWith(KubernetesClients.CALLBACK_THREAD_PREFIX);
            assertThat(pooled.isDaemon()).isTrue();
            informer.close();
            client.close();
            pooled.join(5_000);
            assertThat(pooled.isAlive()).as("the pool is shut down with the client").isFalse();
        } finally {
            vertx.close().await();
        }
    }
}
