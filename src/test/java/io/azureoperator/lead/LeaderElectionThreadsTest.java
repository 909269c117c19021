package io.azureoperator.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.KubernetesClients;
import io.azureoperator.local.InMemoryKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The elector's Lease calls block: they run on the executor given to it, never on the client's callback threads. */
class LeaderElectionThreadsTest {

    @Test
    void theElectorRunsOnTheBlockingExecutorItIsGiven() throws Exception {
        KindRegistry kinds = KindRegistry.builtIn();
        Vertx vertx = Vertx.vertx();
        ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "lease-calls"));
        try (InMemoryKubernetes kube = InMemoryKubernetes.start(vertx, kinds);
             KubernetesClient client = KubernetesClients.forOperator(vertx, kube.config(),
                     ConfigLoader.fromEnv(Map.of()), kinds)) {
            Leadership leadership = Leadership.elected("a");
            CompletableFuture<String> acquiredOn = new CompletableFuture<>();
            leadership.addListener(new Leadership.Listener() {
                @Override
                public void acquired() {
                    acquiredOn.complete(Thread.currentThread().getName());
                }

                @Override
                public void lost() {
                }
            });
            LeaderElection election = new LeaderElection(client, ElectionSettings.defaults("default", "a")
                    .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)), leadership,
                    blocking);
            election.start();
            assertThat(acquiredOn.get(10, TimeUnit.SECONDS)).isEqualTo("lease-calls");
            assertThat(leadership.leading()).isTrue();
            election.stop();
            assertThat(leadership.leading()).isFalse();
        } finally {
            blocking.shutdownNow();
            vertx.close().await();
        }
    }
}
