package io.azureoperator.local;

import io.azureoperator.Operator;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.KindRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --local}: the operator against the in-memory Kubernetes API server and the ARM emulator, with the samples
 * applied and a live table, until Ctrl-C. Needs no cluster and no Azure account.
 */
public final class LocalMode {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);
    /** The subscription the emulator pretends to be, when none is configured. */
    public static final String LOCAL_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

    private LocalMode() {
    }

    public static void run(OperatorConfig base) {
        Vertx vertx = Vertx.vertx();
        KindRegistry kinds = KindRegistry.builtIn();
        InMemoryKubernetes kube = InMemoryKubernetes.start(vertx, kinds);
        ArmEmulator emulator = new ArmEmulator(vertx);
        emulator.setRetryAfterSeconds(1);
        await(emulator.start(0));
        OperatorConfig config = base.withArmEndpoint(emulator.baseUrl())
                .withSubscriptionId(base.subscriptionId().isBlank() ? LOCAL_SUBSCRIPTION : base.subscriptionId());
        Operator operator = await(Operator.start(vertx, config, kube.client(), TokenSource.fixed("local"), kinds));
        HealthServer.start(vertx, config.httpPort(), operator::synced, operator::role, operator.metrics()::scrape)
                .onFailure(t -> LOG.warn("health endpoints not served on port {}: {}", config.httpPort(),
                        t.getMessage()));
        int applied = Samples.apply(kube.newClient(), kinds, Path.of("k8s", "samples"));
        LOG.info("local mode: Kubernetes API in memory, ARM emulator at {}, {} samples applied", emulator.baseUrl(),
                applied);
        LiveView view = new LiveView(operator, System.out);
        vertx.setPeriodic(1000, id -> view.refresh());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop().eventually(emulator::stop).toCompletionStage().toCompletableFuture().join();
            kube.close(); // before Vert.x: the API server runs on it
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stop.countDown();
        }));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
