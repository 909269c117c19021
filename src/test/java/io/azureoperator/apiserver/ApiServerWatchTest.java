package io.azureoperator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watches as fabric8 informers and raw HTTP clients see them: live events, dropped connections, 410 relists. */
@Timeout(30)
class ApiServerWatchTest extends WidgetServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    @AfterEach
    void stopInformers() {
        informers.forEach(SharedIndexInformer::stop);
    }

    /** Informer callbacks as "ADDED name", "MODIFIED name", "DELETED name". */
    private static final class Recorder implements ResourceEventHandler<GenericKubernetesResource> {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(GenericKubernetesResource r) {
            seen.add("ADDED " + r.getMetadata().getName());
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource now) {
            if (!old.getMetadata().getResourceVersion().equals(now.getMetadata().getResourceVersion())) {
                seen.add("MODIFIED " + now.getMetadata().getName());
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
            seen.add("DELETED " + r.getMetadata().getName());
        }
    }

    private SharedIndexInformer<GenericKubernetesResource> informer(String namespace, Recorder recorder)
            throws Exception {
        SharedIndexInformer<GenericKubernetesResource> informer = widgets()
                .inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(recorder);
        informers.add(informer);
        informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return informer;
    }

    @Test
    void anInformerListsThenSeesAddedModifiedDeleted() throws Exception {
        server.create(Widgets.widgetJson("live", "before", "s"));
        Recorder recorder = new Recorder();
        SharedIndexInformer<GenericKubernetesResource> informer = informer("live", recorder);
        await("the listed one handled", () -> !recorder.seen.isEmpty(), () -> recorder.seen.toString());
        assertThat(recorder.seen).containsExactly("ADDED before");

        server.create(Widgets.widgetJson("live", "a", "s"));
        widgets("live").resource(Widgets.widget("b", "s")).create();
        widgets("live").withName("a").edit(w -> {
            Widgets.spec(w).put("size", "m");
            return w;
        });
        widgets("live").withName("b").delete();
        await("events", () -> recorder.seen.size() == 5, () -> recorder.seen.toString());
        assertThat(recorder.seen).containsExactly("ADDED before", "ADDED a", "ADDED b", "MODIFIED a", "DELETED b");
        assertThat(names(informer)).containsExactlyInAnyOrder("before", "a");
        assertThat(server.requests()).as("fabric8 watches over WebSocket")
                .anySatisfy(r -> assertThat(r).contains("/namespaces/live/widgets?").contains("watch=true"));
    }

    @Test
    void anInformerReconnectsAfterItsWatchIsDropped() throws Exception {
        Recorder recorder = new Recorder();
        SharedIndexInformer<GenericKubernetesResource> informer = informer("drops", recorder);
        for (int round = 0; round < 3; round++) {
            server.create(Widgets.widgetJson("drops", "w" + round, "s"));
            int n = round + 1;
            await("w" + round + " seen", () -> names(informer).size() == n, () -> recorder.seen.toString());
            long watches = watchRequests("drops");
            assertThat(server.dropWatches()).isGreaterThanOrEqualTo(1);
            await("watch re-established", () -> watchRequests("drops") > watches, () -> server.requests().toString());
        }
        widgets("drops").withName("w0").delete();
        server.dropWatches();
        server.create(Widgets.widgetJson("drops", "late", "s"));
        await("changes after the drop", () -> names(informer).equals(List.of("late", "w1", "w2")),
                () -> names(informer) + " " + recorder.seen);
    }

    @Test
    void anInformerRelistsWhenItsResourceVersionExpired() throws Exception {
        for (String name : List.of("keep", "gone", "changed")) {
            server.create(Widgets.widgetJson("relist", name, "s"));
        }
        Recorder recorder = new Recorder();
        SharedIndexInformer<GenericKubernetesResource> informer = informer("relist", recorder);
        long lists = listRequests("relist");

        server.forgetHistory();
        server.dropWatches();
        widgets("relist").withName("gone").delete();
        server.create(Widgets.widgetJson("relist", "new", "s"));
        widgets("relist").withName("changed").edit(w -> {
            Widgets.spec(w).put("size", "xl");
            return w;
        });

        // the handlers hear of a change after the store has it: wait for both
        await("relisted", () -> names(informer).equals(List.of("changed", "keep", "new"))
                && "xl".equals(Widgets.spec(informer.getStore().getByKey("relist/changed")).get("size"))
                && recorder.seen.containsAll(List.of("DELETED gone", "ADDED new", "MODIFIED changed")),
                () -> names(informer) + " " + recorder.seen);
        assertThat(listRequests("relist")).as("the informer listed again").isGreaterThan(lists);
    }

    @Test
    void aChunkedWatchStreamsEventsAndEndsWith410WhenTooOld() throws Exception {
        long from = server.resourceVersion();
        BlockingQueue<String> lines = watch("/apis/example.com/v1/namespaces/chunked/widgets?watch=1&resourceVersion="
                + from);
        server.create(Widgets.widgetJson("chunked", "c", "s"));
        JsonObject added = new JsonObject(next(lines));
        assertThat(added.getString("type")).isEqualTo("ADDED");
        assertThat(added.getJsonObject("object").getJsonObject("metadata").getString("name")).isEqualTo("c");

        server.forgetHistory();
        BlockingQueue<String> expired = watch("/apis/example.com/v1/namespaces/chunked/widgets?watch=true"
                + "&resourceVersion=" + from);
        JsonObject error = new JsonObject(next(expired));
        assertThat(error.getString("type")).isEqualTo("ERROR");
        assertThat(error.getJsonObject("object").getInteger("code")).isEqualTo(410);
        assertThat(error.getJsonObject("object").getString("reason")).isEqualTo("Expired");
        assertThat(error.getJsonObject("object").getString("message")).startsWith("too old resource version: " + from);
        assertThat(next(expired)).as("the watch ends").isEqualTo(END);
    }

    @Test
    void aSelectorWatchSeesObjectsMoveInAndOut() throws Exception {
        BlockingQueue<String> lines = watch("/apis/example.com/v1/namespaces/moves/widgets?watch=true"
                + "&labelSelector=tier%3Dgold&resourceVersion=" + server.resourceVersion());
        widgets("moves").resource(Widgets.widget("m", "s")).create();
        widgets("moves").withName("m").edit(w -> {
            w.getMetadata().setLabels(Map.of("tier", "gold"));
            return w;
        });
        widgets("moves").withName("m").edit(w -> {
            w.getMetadata().setLabels(Map.of("tier", "silver"));
            return w;
        });
        assertThat(new JsonObject(next(lines)).getString("type")).isEqualTo("ADDED");
        assertThat(new JsonObject(next(lines)).getString("type")).isEqualTo("DELETED");
    }

    @Test
    void watchesGetBookmarksAndEndAfterTheirTimeout() throws Exception {
        BlockingQueue<String> lines = watch("/apis/example.com/v1/widgets?watch=true&allowWatchBookmarks=true"
                + "&timeoutSeconds=5&resourceVersion=" + server.resourceVersion());
        JsonObject bookmark = new JsonObject(next(lines));
        assertThat(bookmark.getString("type")).isEqualTo("BOOKMARK");
        assertThat(Long.parseLong(bookmark.getJsonObject("object").getJsonObject("metadata")
                .getString("resourceVersion"))).isPositive();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        String line = "";
        while (!END.equals(line) && System.nanoTime() < deadline) {
            line = lines.poll(1, TimeUnit.SECONDS);
            assertThat(line == null || END.equals(line) || line.contains("BOOKMARK")).as(line).isTrue();
        }
        assertThat(line).as("the watch ended after timeoutSeconds").isEqualTo(END);
    }

    @Test
    void fabric8LeaderElectionWorksOnLeases() throws Exception {
        KubernetesClient other = server.newClient();
        try {
            List<String> events = new CopyOnWriteArrayList<>();
            LeaderElector first = elector(client, "one", events);
            CompletableFuture<?> running = first.start();
            await("one leads", () -> events.contains("one leading"), events::toString);
            LeaderElector second = elector(other, "two", events);
            second.start();
            running.cancel(true); // releaseOnCancel
            await("two takes over", () -> events.contains("two leading"), events::toString);
            assertThat(client.leases().inNamespace("lead").withName("lock").get().getSpec().getHolderIdentity())
                    .isEqualTo("two");
        } finally {
            other.close();
        }
    }

    private static LeaderElector elector(KubernetesClient c, String identity, List<String> events) {
        return c.leaderElector().withConfig(new LeaderElectionConfigBuilder().withName("test")
                .withLock(new LeaseLock("lead", "lock", identity))
                .withLeaseDuration(Duration.ofSeconds(3)).withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(200)).withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> events.add(identity + " leading"),
                        () -> events.add(identity + " stopped"), leader -> { }))
                .build()).build();
    }

    // ---------------------------------------------------------------- helpers

    private static final String END = "<end>";

    private static BlockingQueue<String> watch(String path) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    } catch (RuntimeException e) {
                        // the server cut the connection
                    }
                    lines.add(END);
                });
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("a watch line within 10s").isNotNull();
        return line;
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> widgets(String namespace) {
        return widgets().inNamespace(namespace);
    }

    private static List<String> names(SharedIndexInformer<GenericKubernetesResource> informer) {
        return informer.getStore().list().stream().map(r -> r.getMetadata().getName()).sorted().toList();
    }

    private static long watchRequests(String namespace) {
        return server.requests().stream().filter(r -> r.contains("/namespaces/" + namespace + "/widgets?")
                && r.contains("watch=true")).count();
    }

    private static long listRequests(String namespace) {
        return server.requests().stream().filter(r -> r.startsWith("GET ")
                && r.contains("/namespaces/" + namespace + "/widgets") && !r.contains("watch=")).count();
    }

    static void await(String what, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(condition.getAsBoolean()).as(what + " within 15s; " + detail.get()).isTrue();
    }
}
