package io.azureoperator.local;

import io.azureoperator.Operator;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.KindRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --local}: the operator against the in-memory Kubernetes API server and the ARM emulator, with the samples
 * applied and a live table, until Ctrl-C. Needs no cluster and no Azure account. {@link #start} gives the running
 * pieces (tests use it); {@link #run} adds the live table and waits for Ctrl-C.
 */
public final class LocalMode {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);
    /** The subscription the emulator pretends to be, when none is configured. */
    public static final String LOCAL_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    /** The samples applied: this directory when it exists (run from a checkout), else the packaged copies. */
    public static final Path SAMPLES = Path.of("k8s", "samples");

    private final Vertx vertx;
    private final InMemoryKubernetes kube;
    private final ArmEmulator emulator;
    private final Operator operator;
    private final HttpServer health;
    private final int samplesApplied;

    private LocalMode(Vertx vertx, InMemoryKubernetes kube, ArmEmulator emulator, Operator operator,
                      HttpServer health, int samplesApplied) {
        this.vertx = vertx;
        this.kube = kube;
        this.emulator = emulator;
        this.operator = operator;
        this.health = health;
        this.samplesApplied = samplesApplied;
    }

    /** Runs until Ctrl-C. */
    public static void run(OperatorConfig base) {
        LocalMode local = start(base, SAMPLES);
        LiveView view = new LiveView(local.operator, System.out);
        local.vertx.setPeriodic(1000, id -> view.refresh());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.stop();
            stop.countDown();
        }));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the API server, the emulator and the operator, and applies the samples found at {@code samples} (or
     * the packaged ones). Blocks until they run: call it off any event loop.
     */
    public static LocalMode start(OperatorConfig base, Path samples) {
        Vertx vertx = Vertx.vertx();
        KindRegistry kinds = KindRegistry.builtIn();
        InMemoryKubernetes kube = InMemoryKubernetes.start(vertx, kinds);
        ArmEmulator emulator = new ArmEmulator(vertx);
        emulator.setRetryAfterSeconds(1);
        await(emulator.start(0));
        OperatorConfig config = base.withArmEndpoint(emulator.baseUrl())
                .withSubscriptionId(base.subscriptionId().isBlank() ? LOCAL_SUBSCRIPTION : base.subscriptionId());
        Operator operator = await(Operator.start(vertx, config, kube.newOperatorClient(vertx, config, kinds),
                TokenSource.fixed("local"), kinds));
        HttpServer health = await(HealthServer.start(vertx, config.httpPort(), operator::synced, operator::role,
                        operator.metrics()::scrape)
                .recover(t -> {
                    LOG.warn("local mode: health endpoints not served on port {}: {}", config.httpPort(),
                            t.getMessage());
                    return Future.succeededFuture(null);
                }));
        Samples.Found found = Samples.find(samples);
        int applied = Samples.apply(kube.client(), kinds, found.yamls());
        if (applied == 0) {
            LOG.warn("local mode: no samples found in {}; nothing applied", found.source());
        } else {
            LOG.info("local mode: applied {} samples from {}", applied, found.source());
        }
        LOG.info("local mode: Kubernetes API in memory at {}, ARM emulator at {}", kube.server().url(),
                emulator.baseUrl());
        return new LocalMode(vertx, kube, emulator, operator, health, applied);
    }

    public Operator operator() {
        return operator;
    }

    public InMemoryKubernetes kube() {
        return kube;
    }

    public ArmEmulator emulator() {
        return emulator;
    }

    public int samplesApplied() {
        return samplesApplied;
    }

    /** Stops the operator, then the emulator, the health endpoints, the API server and Vert.x. Blocks. */
    public void stop() {
        await(operator.stop().eventually(emulator::stop)
                .eventually(() -> health == null ? Future.succeededFuture() : health.close()));
        kube.close(); // before Vert.x: the API server runs on it
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }
}
