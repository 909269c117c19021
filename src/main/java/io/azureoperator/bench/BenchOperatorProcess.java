package io.azureoperator.bench;

import io.azureoperator.Operator;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.KubernetesClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as the scale benchmark runs it, in its own JVM so its heap is measured alone: the production
 * start-up path ({@link Operator#start}, health server) configured from the environment only, with the Kubernetes
 * API from {@code -Dkubernetes.master} and a fixed ARM token (the emulator does not check it), as {@code --local}
 * does. Stops on SIGTERM.
 */
public final class BenchOperatorProcess {
    private static final Logger LOG = LoggerFactory.getLogger(BenchOperatorProcess.class);

    private BenchOperatorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        OperatorConfig config = ConfigLoader.fromEnv(System.getenv());
        Vertx vertx = Vertx.vertx();
        KubernetesClient client = KubernetesClients.forOperator(vertx, Config.autoConfigure(null), config,
                KindRegistry.builtIn());
        CountDownLatch stopped = new CountDownLatch(1);
        Operator.start(vertx, config, client, TokenSource.fixed("bench"), KindRegistry.builtIn())
                .compose(operator -> {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        operator.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture().join();
                        stopped.countDown();
                    }, "bench-operator-stop"));
                    return HealthServer.start(vertx, config.httpPort(), operator::synced, operator::role,
                            operator.metrics()::scrape);
                })
                .onFailure(t -> {
                    LOG.error("start-up failed: {}", t.toString());
                    System.exit(1);
                });
        stopped.await();
    }
}
