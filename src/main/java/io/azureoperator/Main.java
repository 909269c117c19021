package io.azureoperator;

import io.azureoperator.arm.AzureIdentityTokenSource;
import io.azureoperator.arm.CredentialSettings;
import io.azureoperator.config.ConfigException;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.http.HealthServer;
import io.azureoperator.kinds.CrdFactory;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.KubernetesClients;
import io.azureoperator.lead.ElectionSettings;
import io.azureoperator.lead.Leadership;
import io.azureoperator.local.LocalMode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar azure-operator.jar [--conf FILE] [--local]} runs the operator;
 * {@code java -jar azure-operator.jar crds DIR} writes the CRD YAML of every kind.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final Path DEFAULT_CONF = Path.of("conf", "operator.json");

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.getenv()));
        } catch (ConfigException e) {
            System.err.println("azure-operator: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // e.g. --local with a sample it cannot apply: Vert.x's threads would keep the JVM up without this exit
            System.err.println("azure-operator: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    /** Runs the command; returns an exit code, or blocks while the operator runs. */
    static int run(String[] args, Map<String, String> env) {
        Path conf = DEFAULT_CONF;
        boolean confGiven = false;
        boolean local = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conf" -> {
                    if (i + 1 >= args.length) {
                        throw new ConfigException("--conf needs a file name");
                    }
                    conf = Path.of(args[++i]);
                    confGiven = true;
                }
                case "--local" -> local = true;
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return 0;
                }
                default -> rest.add(args[i]);
            }
        }
        if (rest.size() > 1 && rest.get(0).equals("bench") && rest.get(1).equals("scale")) {
            return io.azureoperator.bench.ScaleBenchmark.run(rest.subList(2, rest.size()), System.out);
        }
        if (!rest.isEmpty() && rest.get(0).equals("bench")) {
            return io.azureoperator.bench.BudgetBenchmark.run(rest.subList(1, rest.size()), System.out);
        }
        if (!rest.isEmpty() && rest.get(0).equals("crds")) {
            return writeCrds(rest.size() > 1 ? Path.of(rest.get(1)) : Path.of("k8s", "crds"));
        }
        if (!rest.isEmpty() && rest.get(0).equals("capacity")) {
            return io.azureoperator.budget.CapacityCommand.run(rest.subList(1, rest.size()),
                    ConfigLoader.load(conf, confGiven, env), System.out);
        }
        if (!rest.isEmpty()) {
            throw new ConfigException("unknown argument '" + rest.get(0) + "'\n" + usage());
        }
        OperatorConfig config = ConfigLoader.load(conf, confGiven, env);
        if (local) {
            LocalMode.run(config);
            return 0;
        }
        runInCluster(config, env);
        return 0;
    }

    private static void runInCluster(OperatorConfig config, Map<String, String> env) {
        if (config.subscriptionId().isBlank()) {
            throw new ConfigException("AZURE_SUBSCRIPTION_ID: required (the subscription the operator manages)");
        }
        Vertx vertx = Vertx.vertx();
        KubernetesClient client = KubernetesClients.forOperator(vertx, Config.autoConfigure(null), config,
                KindRegistry.builtIn());
        var tokens = AzureIdentityTokenSource.create(vertx, CredentialSettings.from(config),
                vertx.createSharedWorkerExecutor("azure-identity", 2));
        ElectionSettings election = ElectionSettings.defaults(config.podNamespace(),
                ElectionSettings.defaultIdentity(env));
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        serving(vertx, config.httpPort(), () -> Operator.start(vertx, config, client, tokens, KindRegistry.builtIn(),
                election))
                .onSuccess(operator -> {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(vertx, operator, election),
                            "azure-operator-shutdown"));
                    operator.leadership().addListener(new Leadership.Listener() {
                        @Override
                        public void lost() {
                            // the gate is already closed; exit (after the graceful stop in the shutdown hook)
                            // so the pod restarts as a clean standby, as fabric8 and client-go advise
                            LOG.error("lost the leader lease; exiting");
                            new Thread(() -> System.exit(1), "azure-operator-exit").start();
                        }
                    });
                })
                .onFailure(t -> {
                    LOG.error("start-up failed: {}", t.getMessage());
                    stopped.completeExceptionally(t);
                });
        try {
            stopped.join();
        } catch (RuntimeException e) {
            System.exit(1);
        }
    }

    /**
     * The HTTP endpoints first, so {@code /readyz} answers 503 while the caches sync (a probe sees why the pod is
     * not ready yet, and {@code /healthz} that it lives), then the operator ({@code start}).
     */
    static Future<Operator> serving(Vertx vertx, int port, Supplier<Future<Operator>> start) {
        AtomicReference<Operator> started = new AtomicReference<>();
        return HealthServer.start(vertx, port, () -> started.get() != null && started.get().synced(),
                        () -> started.get() == null ? null : started.get().role(),
                        () -> started.get() == null ? "" : started.get().metrics().scrape())
                .compose(server -> start.get().onSuccess(started::set));
    }

    /** SIGTERM: stop taking work, let in-flight ARM calls finish (bounded), release the lease, close. */
    private static void stopGracefully(Vertx vertx, Operator operator, ElectionSettings election) {
        LOG.info("stopping (SIGTERM)");
        long bound = election.drainTimeout().toMillis() + 5_000;
        try {
            operator.stop().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("graceful stop did not finish within {} ms: {}", bound, e.toString());
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing Vert.x: {}", e.toString());
        }
    }

    private static int writeCrds(Path dir) {
        try {
            Files.createDirectories(dir);
            for (KindDescriptor kind : KindRegistry.builtIn().all()) {
                Path file = dir.resolve(CrdFactory.fileName(kind));
                Files.writeString(file, CrdFactory.yaml(kind));
                System.out.println("wrote " + file);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("azure-operator: cannot write CRDs to " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return """
                usage: java -jar azure-operator.jar [--conf FILE] [--local]
                       java -jar azure-operator.jar crds [DIR]     write the CRD YAML (default k8s/crds)
                       java -jar azure-operator.jar bench [--resources 3000] [--hour 36s]   budget benchmark (time-scaled)
                       java -jar azure-operator.jar bench scale [--resources 1000,10000,30000] [--applies 1000]
                                    [--heap 512m]   memory, start-up, throughput and latency at scale
                       java -jar azure-operator.jar [--conf FILE] capacity [--sync-period 15m[,1h]] [--mode put|get|list]
                                    [--drift 1%] [--scopes N]    most resources the configured ARM budgets keep in sync
                  --conf FILE   configuration JSON (default conf/operator.json); environment variables override it
                  --local       in-memory Kubernetes API + ARM emulator + k8s/samples, with a live view""";
    }
}
