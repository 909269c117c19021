package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.local.InMemoryKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's writes as they reach an API server: answers, conflicts, a server that is gone. */
class KubernetesRequestsTest {
    private static final KindRegistry KINDS = KindRegistry.builtIn();
    private static final OperatorConfig OPERATOR = ConfigLoader.fromEnv(java.util.Map.of());
    private static final KindDescriptor RG = KINDS.find("resources.azure.com", "ResourceGroup").orElseThrow();
    private static Vertx vertx;
    private static InMemoryKubernetes kube;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        kube = InMemoryKubernetes.start(vertx, KINDS);
        client = KubernetesClients.forOperator(vertx, kube.config(), OPERATOR, KINDS);
    }

    @AfterAll
    static void stop() {
        client.close();
        kube.close();
        vertx.close().await();
    }

    private static GenericKubernetesResource created(String name) {
        kube.server().create(new JsonObject().put("apiVersion", "resources.azure.com/v1api20200601")
                .put("kind", "ResourceGroup")
                .put("metadata", new JsonObject().put("name", name).put("namespace", "default"))
                .put("spec", new JsonObject().put("location", "westus2")));
        return client.genericKubernetesResources(RG.context()).inNamespace("default").withName(name).get();
    }

    /** Runs {@code write} on a Vert.x context; its result and the context its callback ran on. */
    private static <T> Answer<T> onContext(Supplier<Future<T>> write) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Answer<T>> answer = new CompletableFuture<>();
        context.runOnContext(v -> write.get().onComplete(ar -> answer.complete(
                new Answer<>(ar.result(), ar.cause(), Vertx.currentContext() == context))));
        return answer.get(10, TimeUnit.SECONDS);
    }

    private record Answer<T>(T value, Throwable failure, boolean onCallersContext) {
    }

    @Test
    void aMetadataUpdateReturnsTheStoredObjectOnTheCallersContext() throws Exception {
        GenericKubernetesResource rg = created("meta");
        CrStore store = new CrStore(client);

        Answer<GenericKubernetesResource> answer = onContext(() -> store.updateMetadata(RG, rg,
                meta -> meta.setFinalizers(List.of("serviceoperator.azure.com/finalizer"))));

        assertThat(answer.failure()).isNull();
        assertThat(answer.onCallersContext()).isTrue();
        assertThat(answer.value().getMetadata().getFinalizers()).containsExactly("serviceoperator.azure.com/finalizer");
        assertThat(answer.value().getMetadata().getResourceVersion()).isNotEqualTo(rg.getMetadata().getResourceVersion());
        assertThat(kube.server().get("resources.azure.com/v1api20200601", "resourcegroups", "default", "meta")
                .getJsonObject("metadata").getJsonArray("finalizers").getList())
                .containsExactly("serviceoperator.azure.com/finalizer");
        assertThat(rg.getMetadata().getFinalizers()).as("the cached copy is not changed").isEmpty();
    }

    @Test
    void aStatusUpdateWritesOnlyTheStatus() throws Exception {
        GenericKubernetesResource rg = created("status");
        CrStore store = new CrStore(client);

        Answer<GenericKubernetesResource> answer = onContext(() -> store.updateStatus(RG, rg,
                new JsonObject().put("location", "westus2").put("conditions", List.of())));

        assertThat(answer.failure()).isNull();
        JsonObject stored = kube.server().get("resources.azure.com/v1api20200601", "resourcegroups", "default",
                "status");
        assertThat(stored.getJsonObject("status").getString("location")).isEqualTo("westus2");
        assertThat(answer.value().getMetadata().getResourceVersion())
                .isEqualTo(stored.getJsonObject("metadata").getString("resourceVersion"));
    }

    @Test
    void aWriteFromAStaleCopyFailsWithTheConflictCode() throws Exception {
        GenericKubernetesResource stale = created("stale");
        CrStore store = new CrStore(client);
        assertThat(onContext(() -> store.updateMetadata(RG, stale, meta -> meta.setLabels(
                java.util.Map.of("a", "1")))).failure()).isNull();

        Answer<GenericKubernetesResource> answer = onContext(() -> store.updateMetadata(RG, stale,
                meta -> meta.setLabels(java.util.Map.of("a", "2"))));

        assertThat(answer.failure()).isInstanceOf(KubernetesClientException.class);
        assertThat(((KubernetesClientException) answer.failure()).getCode()).isEqualTo(409);
        assertThat(answer.failure().getMessage()).contains("PUT", "stale");
        assertThat(answer.onCallersContext()).isTrue();
    }

    @Test
    void aGoneObjectFailsWithNotFound() throws Exception {
        GenericKubernetesResource rg = created("gone");
        kube.server().delete("resources.azure.com/v1api20200601", "resourcegroups", "default", "gone");
        CrStore store = new CrStore(client);

        Answer<GenericKubernetesResource> answer = onContext(() -> store.updateStatus(RG, rg, new JsonObject()));

        assertThat(((KubernetesClientException) answer.failure()).getCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableServerFailsAsAKubernetesError() throws Exception {
        GenericKubernetesResource rg = created("unreachable");
        Config nowhere = new ConfigBuilder(kube.config()).withMasterUrl("http://127.0.0.1:1/")
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient offline = KubernetesClients.forOperator(vertx, nowhere, OPERATOR, KINDS)) {
            CrStore store = new CrStore(offline);

            Answer<GenericKubernetesResource> answer = onContext(() -> store.updateStatus(RG, rg, new JsonObject()));

            assertThat(answer.failure()).isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("127.0.0.1:1");
            assertThat(answer.onCallersContext()).isTrue();
        }
    }
}
