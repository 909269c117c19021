package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kube.Resources;
import io.azureoperator.lead.ElectionSettings;
import io.azureoperator.apiserver.InMemoryApiServer;
import io.azureoperator.local.InMemoryKubernetes;
import io.azureoperator.local.LocalKubernetes;
import io.azureoperator.local.MockKubernetes;
import io.azureoperator.local.Samples;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The end-to-end rig: a Kubernetes API and the ARM emulator over real HTTP on 127.0.0.1, and operator instances
 * started against them. The test thread plays the user. The Kubernetes API is fabric8's mock server in CRUD mode
 * ({@link #start}), or the in-memory API server ({@link #startOnApiServer}), whose semantics are a real API
 * server's (status subresource, resourceVersion preconditions, ownerReference garbage collection) and whose
 * knobs drop watches, expire resourceVersions (410) and fail requests.
 */
public final class OperatorHarness implements AutoCloseable {
    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

    public final Vertx vertx;
    public final KindRegistry kinds;
    public final LocalKubernetes kube;
    public final KubernetesClient user;
    public final ArmEmulator emulator;
    private final List<Operator> operators = new ArrayList<>();

    private OperatorHarness(Vertx vertx, KindRegistry kinds, LocalKubernetes kube, ArmEmulator emulator) {
        this.vertx = vertx;
        this.kinds = kinds;
        this.kube = kube;
        this.user = kube.newClient();
        this.emulator = emulator;
    }

    /** On fabric8's mock Kubernetes server (CRUD mode). */
    public static OperatorHarness start(Vertx vertx, KindRegistry kinds) {
        return start(vertx, kinds, MockKubernetes.start(kinds));
    }

    /** On the in-memory API server; {@link #apiServer()} gives its knobs. */
    public static OperatorHarness startOnApiServer(Vertx vertx, KindRegistry kinds) {
        return start(vertx, kinds, InMemoryKubernetes.start(vertx, kinds));
    }

    private static OperatorHarness start(Vertx vertx, KindRegistry kinds, LocalKubernetes kube) {
        ArmEmulator emulator = new ArmEmulator(vertx);
        emulator.setRetryAfterSeconds(0);
        await(emulator.start(0));
        return new OperatorHarness(vertx, kinds, kube, emulator);
    }

    /** The in-memory API server (only when started with {@link #startOnApiServer}). */
    public InMemoryApiServer apiServer() {
        if (kube instanceof InMemoryKubernetes k) {
            return k.server();
        }
        throw new IllegalStateException("this harness runs on fabric8's mock server; use startOnApiServer");
    }

    public OperatorConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AZURE_SUBSCRIPTION_ID", SUBSCRIPTION,
                "AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl(),
                "AZURE_SYNC_PERIOD", "never",
                "RETRY_BASE_DELAY", "200ms",
                "RETRY_MAX_DELAY", "2s",
                "HTTP_PORT", "0"));
        env.putAll(overrides);
        return ConfigLoader.load(Path.of("does-not-exist.json"), false, env);
    }

    public Operator startOperator(Map<String, String> overrides) {
        return startOperator(config(overrides));
    }

    public Operator startOperator(OperatorConfig config) {
        return startOperator(config, TokenSource.fixed("test-token"));
    }

    public Operator startOperator(OperatorConfig config, TokenSource tokens) {
        Operator operator = await(Operator.start(vertx, config, kube.newOperatorClient(vertx, config, kinds), tokens, kinds));
        operators.add(operator);
        return operator;
    }

    /** An instance with its own ARM token (to tell instances apart in the emulator) and election settings. */
    Operator startOperator(OperatorConfig config, String token, ElectionSettings election) {
        Operator operator = await(Operator.start(vertx, config, kube.newOperatorClient(vertx, config, kinds), TokenSource.fixed(token),
                kinds, election));
        operators.add(operator);
        return operator;
    }

    /** Requests the emulator received with {@code Bearer token}. */
    List<RecordedRequest> requestsWithToken(String token) {
        return emulator.requests().stream().filter(r -> ("Bearer " + token).equals(r.header("Authorization")))
                .toList();
    }

    public void stopOperator(Operator operator) {
        await(operator.stop());
        operators.remove(operator);
    }

    public void apply(String yaml) {
        for (HasMetadata item : user.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
            Samples.create(user, kinds, item);
        }
    }

    public Resource<GenericKubernetesResource> resource(String kind, String namespace, String name) {
        KindDescriptor d = kinds.all().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
        return user.genericKubernetesResources(d.context()).inNamespace(namespace).withName(name);
    }

    public Optional<Condition> ready(String kind, String namespace, String name) {
        GenericKubernetesResource r = resource(kind, namespace, name).get();
        return r == null ? Optional.empty()
                : Conditions.find(Resources.status(r).getJsonArray("conditions"), Condition.READY);
    }

    /** Waits until the Ready condition matches (or fails the test with what it was). */
    public Condition awaitReady(String kind, String namespace, String name, Predicate<Condition> wanted) {
        Optional<Condition>[] last = new Optional[] {Optional.empty()};
        awaitTrue("Ready condition of " + kind + " " + namespace + "/" + name, () -> {
            last[0] = ready(kind, namespace, name);
            return last[0].filter(wanted).isPresent();
        }, () -> "last: " + last[0]);
        return last[0].orElseThrow();
    }

    public Condition awaitSucceeded(String kind, String namespace, String name, long generation) {
        return awaitReady(kind, namespace, name,
                c -> c.isTrue() && c.observedGeneration() == generation && "Succeeded".equals(c.reason()));
    }

    public void awaitGone(String kind, String namespace, String name) {
        awaitTrue(kind + " " + namespace + "/" + name + " deleted", () -> resource(kind, namespace, name).get() == null,
                () -> "still there: " + resource(kind, namespace, name).get());
    }

    public List<RecordedRequest> requests(String method, String pathSuffix) {
        return emulator.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().toLowerCase().endsWith(pathSuffix.toLowerCase()))
                .toList();
    }

    public static String rgId(String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + name;
    }

    /** Ready is recorded before the poller token is removed, so the token goes a moment after Ready appears. */
    public void awaitNoOperationInFlight(String kind, String namespace, String name) {
        awaitTrue(kind + " " + namespace + "/" + name + " has no poller-resume-token", () -> {
            GenericKubernetesResource r = resource(kind, namespace, name).get();
            return r != null && (r.getMetadata().getAnnotations() == null
                    || !r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN));
        }, () -> "annotations: " + resource(kind, namespace, name).get().getMetadata().getAnnotations());
    }

    public static void awaitTrue(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(condition.getAsBoolean()).as(what + " within 20s; " + detail.get()).isTrue();
    }

    public static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    @Override
    public void close() {
        for (Operator o : List.copyOf(operators)) {
            stopOperator(o);
        }
        await(emulator.stop());
        user.close();
        kube.close();
    }
}
