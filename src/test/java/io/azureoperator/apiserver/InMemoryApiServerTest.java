package io.azureoperator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads and writes through a real fabric8 client: what a real API server would answer, and what it would store. */
class InMemoryApiServerTest {
    private static Vertx vertx;
    private static InMemoryApiServer server;
    private static KubernetesClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = InMemoryApiServer.start(vertx, "127.0.0.1", 0).toCompletionStage().toCompletableFuture().join();
        client = server.newClient();
        client.apiextensions().v1().customResourceDefinitions().resource(Widgets.crd()).create();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> widgets() {
        return client.genericKubernetesResources(Widgets.CONTEXT);
    }

    @Test
    void typedResourcesCreateReadUpdateDelete() {
        ConfigMap created = client.configMaps().inNamespace("crud").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata().addToData("a", "1").build()).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo("crud");
        assertThat(created.getMetadata().getGeneration()).as("built-in types without generation").isNull();

        assertThatThrownBy(() -> client.configMaps().inNamespace("crud").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });

        created.getData().put("a", "2");
        ConfigMap updated = client.configMaps().inNamespace("crud").resource(created).update();
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(client.configMaps().inNamespace("crud").withName("settings").get().getData())
                .containsEntry("a", "2");

        assertThat(client.configMaps().inNamespace("crud").withName("settings").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace("crud").withName("settings").get()).isNull();
        assertThat(server.get("v1", "configmaps", "crud", "settings")).isNull();
    }

    @Test
    void generateNameAndIdentityMismatches() {
        ConfigMap generated = client.configMaps().inNamespace("names").resource(new ConfigMapBuilder()
                .withNewMetadata().withGenerateName("gen-").endMetadata().build()).create();
        assertThat(generated.getMetadata().getName()).startsWith("gen-").hasSize(9);

        assertThat(status(request("POST", "/api/v1/namespaces/names/configmaps",
                "{\"metadata\":{\"name\":\"x\",\"namespace\":\"other\"}}"))).isEqualTo(400);
        assertThat(status(request("POST", "/api/v1/namespaces/names/configmaps", "{\"metadata\":{}}")))
                .isEqualTo(422);
        assertThat(status(request("PUT", "/api/v1/namespaces/names/configmaps/" + generated.getMetadata().getName(),
                "{\"metadata\":{\"name\":\"someone-else\"}}"))).isEqualTo(400);
        HttpResponse<String> unknown = request("GET", "/apis/example.com/v1/namespaces/names/gadgets", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("kind")).isEqualTo("Status");
    }

    @Test
    void customResourcesCountGenerationsOfTheirSpec() {
        GenericKubernetesResource w = widgets().inNamespace("gen").resource(Widgets.widget("w", "small")).create();
        assertThat(w.getMetadata().getGeneration()).isEqualTo(1L);

        w.getMetadata().setLabels(Map.of("team", "a"));
        w = widgets().inNamespace("gen").resource(w).update();
        assertThat(w.getMetadata().getGeneration()).as("metadata changes keep the generation").isEqualTo(1L);

        Widgets.spec(w).put("size", "large");
        w = widgets().inNamespace("gen").resource(w).update();
        assertThat(w.getMetadata().getGeneration()).isEqualTo(2L);

        String before = w.getMetadata().getResourceVersion();
        w = widgets().inNamespace("gen").resource(w).update();
        assertThat(w.getMetadata().getResourceVersion()).as("a no-op update changes nothing").isEqualTo(before);
    }

    @Test
    void theStatusSubresourceSeparatesStatusFromSpec() {
        GenericKubernetesResource created = widgets().inNamespace("status")
                .resource(Widgets.widget("s", "small")).create();
        GenericKubernetesResource stale = Widgets.copy(created);

        GenericKubernetesResource withStatus = Widgets.copy(created);
        withStatus.setAdditionalProperty("status", Map.of("phase", "Ready"));
        Widgets.spec(withStatus).put("size", "huge"); // ignored on /status
        GenericKubernetesResource afterStatus = widgets().inNamespace("status").resource(withStatus).updateStatus();
        assertThat(Widgets.spec(afterStatus)).containsEntry("size", "small");
        assertThat(afterStatus.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
        assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);

        stale.setAdditionalProperty("status", Map.of("phase", "Old"));
        assertThatThrownBy(() -> widgets().inNamespace("status").resource(stale).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).contains("the object has been modified");
                });

        GenericKubernetesResource mainPut = Widgets.copy(afterStatus);
        mainPut.setAdditionalProperty("status", Map.of("phase", "Forged"));
        Widgets.spec(mainPut).put("size", "medium");
        GenericKubernetesResource afterMain = widgets().inNamespace("status").resource(mainPut).update();
        assertThat(afterMain.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
        assertThat(Widgets.spec(afterMain)).containsEntry("size", "medium");
        assertThat(afterMain.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void finalizersHoldDeletionUntilTheLastOneGoes() {
        GenericKubernetesResource w = Widgets.widget("f", "small");
        w.getMetadata().setFinalizers(List.of("example.com/cleanup"));
        widgets().inNamespace("fin").resource(w).create();

        widgets().inNamespace("fin").withName("f").delete();
        GenericKubernetesResource marked = widgets().inNamespace("fin").withName("f").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isZero();

        GenericKubernetesResource more = Widgets.copy(marked);
        more.getMetadata().setFinalizers(List.of("example.com/cleanup", "example.com/another"));
        assertThatThrownBy(() -> widgets().inNamespace("fin").resource(more).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

        marked.getMetadata().setFinalizers(List.of());
        widgets().inNamespace("fin").resource(marked).update();
        assertThat(widgets().inNamespace("fin").withName("f").get()).isNull();
    }

    @Test
    void jsonPatchAndMergePatch() {
        GenericKubernetesResource w = Widgets.widget("p", "small");
        w.getMetadata().setAnnotations(Map.of("a/b", "1", "c~d", "2"));
        Widgets.spec(w).put("zones", List.of("1", "2", "3"));
        widgets().inNamespace("patch").resource(w).create();
        Resource<GenericKubernetesResource> r = widgets().inNamespace("patch").withName("p");

        GenericKubernetesResource patched = r.patch(PatchContext.of(PatchType.JSON), "["
                + "{\"op\":\"test\",\"path\":\"/metadata/annotations/a~1b\",\"value\":\"1\"},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/annotations/c~0d\",\"value\":\"3\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/zones/1\",\"value\":\"1b\"},"
                + "{\"op\":\"remove\",\"path\":\"/spec/zones/0\"},"
                + "{\"op\":\"copy\",\"from\":\"/spec/size\",\"path\":\"/spec/previousSize\"},"
                + "{\"op\":\"move\",\"from\":\"/spec/previousSize\",\"path\":\"/spec/oldSize\"}]");
        assertThat(patched.getMetadata().getAnnotations()).containsEntry("c~d", "3");
        assertThat(Widgets.spec(patched)).containsEntry("zones", List.of("1b", "2", "3"))
                .containsEntry("oldSize", "small").doesNotContainKey("previousSize");
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

        assertThatThrownBy(() -> r.patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"test\",\"path\":\"/spec/size\",\"value\":\"large\"}]"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

        GenericKubernetesResource merged = r.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"zones\":[\"9\"],\"oldSize\":null},\"status\":{\"phase\":\"ignored\"}}");
        assertThat(Widgets.spec(merged)).as("arrays are replaced, null deletes")
                .containsEntry("zones", List.of("9")).doesNotContainKey("oldSize");
        assertThat(merged.getAdditionalProperties()).as("status changes through the main resource are ignored")
                .doesNotContainKey("status");

        GenericKubernetesResource status = r.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":\"ignored\"},\"status\":{\"phase\":\"Ready\"}}");
        assertThat(status.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
        assertThat(Widgets.spec(status)).containsEntry("size", "small");

        assertThatThrownBy(() -> r.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"size\":\"x\"}}"))
                .as("a patch carrying a stale resourceVersion")
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        HttpResponse<String> apply = request("PATCH", "/apis/example.com/v1/namespaces/patch/widgets/p", "{}",
                "application/apply-patch+yaml");
        assertThat(apply.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(apply.body()).getString("reason")).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void fabric8EditIsAJsonPatchWithAResourceVersionPrecondition() {
        widgets().inNamespace("edit").resource(Widgets.widget("e", "small")).create();
        GenericKubernetesResource edited = widgets().inNamespace("edit").withName("e")
                .edit(x -> {
                    Widgets.spec(x).put("size", "large");
                    return x;
                });
        assertThat(Widgets.spec(edited)).containsEntry("size", "large");
        assertThat(server.requestCount("PATCH", "/widgets/e$")).isEqualTo(1);
    }

    @Test
    void listsFilterBySelectorsAndPage() {
        for (int i = 0; i < 7; i++) {
            GenericKubernetesResource w = Widgets.widget("l" + i, "small");
            w.getMetadata().setLabels(i % 2 == 0 ? Map.of("tier", "even", "n", "" + i) : Map.of("n", "" + i));
            widgets().inNamespace("list").resource(w).create();
        }
        widgets().inNamespace("list-other").resource(Widgets.widget("elsewhere", "small")).create();
        assertThat(names(widgets().inNamespace("list").withLabel("tier", "even").list()))
                .containsExactly("l0", "l2", "l4", "l6");
        assertThat(names(widgets().inNamespace("list").withLabelSelector("tier!=even").list()))
                .containsExactly("l1", "l3", "l5");
        assertThat(names(widgets().inNamespace("list").withLabelSelector("tier").list())).hasSize(4);
        assertThat(names(widgets().inNamespace("list").withLabelSelector("!tier").list())).hasSize(3);
        assertThat(names(widgets().inNamespace("list").withLabelSelector("n in (1, 2,3),tier notin (odd)").list()))
                .containsExactly("l1", "l2", "l3");
        assertThat(names(widgets().inNamespace("list").withLabelSelector("n notin (1,2)").list())).hasSize(5);
        assertThat(names(widgets().inNamespace("list").withField("metadata.name", "l3").list()))
                .containsExactly("l3");
        assertThat(names(widgets().inAnyNamespace().withField("metadata.namespace", "list-other").list()))
                .containsExactly("elsewhere");

        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            GenericKubernetesResourceList page = widgets().inNamespace("list")
                    .list(new ListOptionsBuilder().withLimit(3L).withContinue(next).build());
            paged.addAll(names(page));
            next = page.getMetadata().getContinue();
            pages++;
        } while (next != null && !next.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactly("l0", "l1", "l2", "l3", "l4", "l5", "l6");
        assertThat(widgets().inNamespace("list").list().getKind()).isEqualTo("WidgetList");
    }

    @Test
    void failNextAnswersWithAStatusBody() {
        server.failNext("PUT", "/configmaps/flaky$", 409, 2);
        ConfigMap map = client.configMaps().inNamespace("fail").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("flaky").endMetadata().build()).create();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.configMaps().inNamespace("fail").resource(map).update())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(409);
                        assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    });
        }
        assertThat(client.configMaps().inNamespace("fail").resource(map).update()).isNotNull();

        server.failNext("GET", "/configmaps/flaky$", 500, 1);
        HttpResponse<String> failed = request("GET", "/api/v1/namespaces/fail/configmaps/flaky", null);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(new JsonObject(failed.body()).getString("reason")).isEqualTo("InternalError");
        assertThat(server.requestCount("GET", "/configmaps/flaky$")).isEqualTo(1);
    }

    @Test
    void discoveryDescribesTheServedTypes() {
        assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.");
        assertThat(client.getApiGroups().getGroups()).anySatisfy(g -> assertThat(g.getName()).isEqualTo("example.com"));
        assertThat(client.getApiResources("example.com/v1").getResources())
                .anySatisfy(r -> assertThat(r.getName()).isEqualTo("widgets"))
                .anySatisfy(r -> assertThat(r.getName()).isEqualTo("widgets/status"));
        assertThat(client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("disc")
                .resource(Widgets.widget("d", "x")).create().getMetadata().getUid()).isNotBlank();
    }

    @Test
    void theJavaApiSeesWhatHttpWrote() {
        JsonObject created = server.create(new JsonObject().put("apiVersion", "example.com/v1").put("kind", "Widget")
                .put("metadata", new JsonObject().put("name", "direct").put("namespace", "java"))
                .put("spec", new JsonObject().put("size", "s")));
        assertThat(created.getJsonObject("metadata").getLong("generation")).isEqualTo(1L);
        assertThat(widgets().inNamespace("java").withName("direct").get()).isNotNull();
        assertThat(server.get("example.com/v1", "widgets", "java", "direct").getJsonObject("spec")
                .getString("size")).isEqualTo("s");
        assertThat(server.count("example.com/v1", "widgets")).isGreaterThanOrEqualTo(1);
    }

    private static List<String> names(GenericKubernetesResourceList list) {
        return list.getItems().stream().map(i -> i.getMetadata().getName()).toList();
    }

    private static int status(HttpResponse<String> r) {
        return r.statusCode();
    }

    static HttpResponse<String> request(String method, String path, String body) {
        return request(method, path, body, "application/json");
    }

    static HttpResponse<String> request(String method, String path, String body, String contentType) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", contentType)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
