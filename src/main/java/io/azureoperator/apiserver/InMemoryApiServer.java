package io.azureoperator.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small, fast, in-memory Kubernetes API server over plain HTTP, for tests, benchmarks and {@code --local}: the
 * types the operator uses plus any CRD posted to it, with a real server's write semantics and watches that
 * resume, expire (410) and drop on demand. See the package documentation for what it does and does not do.
 *
 * <p>Everything here is thread-safe. The direct calls ({@link #create}, {@link #get}, ...) skip HTTP but are
 * otherwise the same operations: they assign resourceVersions and reach watches.
 */
public final class InMemoryApiServer implements AutoCloseable {
    /** Events each type remembers for watches resuming from a resourceVersion. */
    public static final int HISTORY_PER_TYPE = 10_000;
    /** How often watches that asked for bookmarks get one. */
    public static final long BOOKMARK_MILLIS = 3_000;
    /** The namespace {@link #newClient()} clients use when none is given (as fabric8's mock server's). */
    public static final String CLIENT_NAMESPACE = "test";

    private final Vertx vertx;
    private final ObjectStore store;
    private final ApiHttpEdge edge;
    private final FailureRules failures;
    private final RequestLog log;
    private final String host;
    private final String deployment;

    private InMemoryApiServer(Vertx vertx, ObjectStore store, ApiHttpEdge edge, FailureRules failures,
                              RequestLog log, String host, String deployment) {
        this.vertx = vertx;
        this.store = store;
        this.edge = edge;
        this.failures = failures;
        this.log = log;
        this.host = host;
        this.deployment = deployment;
    }

    /** Serves on {@code host:port} (port 0: any free port) with the built-in types and a "default" namespace. */
    public static Future<InMemoryApiServer> start(Vertx vertx, String host, int port) {
        ObjectStore store = new ObjectStore(ApiTypes.builtIn(), Clock.systemUTC(), HISTORY_PER_TYPE);
        FailureRules failures = new FailureRules();
        RequestLog log = new RequestLog();
        ApiHttpEdge edge = new ApiHttpEdge(store, failures, log, host, port, BOOKMARK_MILLIS);
        store.create(store.types().find("", "v1", "namespaces").orElseThrow(), null,
                new JsonObject().put("metadata", new JsonObject().put("name", "default")));
        return vertx.deployVerticle(edge)
                .map(id -> new InMemoryApiServer(vertx, store, edge, failures, log, host, id));
    }

    public int port() {
        return edge.port();
    }

    /** {@code http://host:port}, a fabric8 masterUrl. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    /** A fabric8 client of this server (JDK HTTP client, HTTP/1.1, default namespace {@value CLIENT_NAMESPACE}). */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** The fabric8 configuration of a client of this server. */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace(CLIENT_NAMESPACE)
                .withHttp2Disable(true)
                .withOauthToken("in-memory") // without a token fabric8 re-reads its configuration per request
                // a cut watch comes back within 3.2 s at most (fabric8 doubles the interval up to 32 times it),
                // not 32 s: the fault tests cut watches repeatedly on a loaded machine
                .withWatchReconnectInterval(100)
                .build();
    }

    // ---------------------------------------------------------------- objects, without HTTP

    /**
     * Creates an object (its type from apiVersion and kind; namespaced types default to "default"), as a POST
     * would: watches see it. Returns it as stored.
     *
     * @throws ApiException as the API would answer (AlreadyExists, unknown kind, ...)
     */
    public JsonObject create(JsonObject object) {
        String apiVersion = object.getString("apiVersion", "");
        String kind = object.getString("kind", "");
        ApiType type = store.types().findKind(apiVersion, kind)
                .orElseThrow(() -> StatusBodies.unknownKind(apiVersion, kind));
        JsonObject meta = object.getJsonObject("metadata", new JsonObject());
        String namespace = meta.getString("namespace", "default");
        return store.create(type, namespace, object).decode();
    }

    /** The object, or null when there is none. */
    public JsonObject get(String apiVersion, String plural, String namespace, String name) {
        try {
            return store.get(type(apiVersion, plural), namespace, name).decode();
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Deletes an object as a DELETE would (with finalizers: marks it deleting and leaves it to their owners);
     * watches see it. Not an HTTP request, so it is not in {@link #requests()}.
     */
    public void delete(String apiVersion, String plural, String namespace, String name) {
        store.delete(type(apiVersion, plural), namespace, name, null);
    }

    /** Every object of this type (every namespace), as stored now. */
    public List<JsonObject> list(String apiVersion, String plural) {
        return store.list(type(apiVersion, plural), null, o -> true).items().stream()
                .map(StoredObject::decode).toList();
    }

    /** How many objects of this type there are (every namespace). */
    public int count(String apiVersion, String plural) {
        return store.count(type(apiVersion, plural));
    }

    /** Creates a CustomResourceDefinition (apiextensions.k8s.io/v1): its served versions are served from now on. */
    public JsonObject registerCrd(JsonObject crd) {
        JsonObject copy = crd.copy().put("apiVersion", "apiextensions.k8s.io/v1")
                .put("kind", "CustomResourceDefinition");
        return create(copy);
    }

    /** The current (latest assigned) resourceVersion. */
    public long resourceVersion() {
        return store.resourceVersion();
    }

    // ---------------------------------------------------------------- test knobs

    /** How many watches are open now. */
    public int openWatches() {
        return store.openWatches();
    }

    /** Cuts every open watch's connection, as a network failure would; clients reconnect. Returns how many. */
    public int dropWatches() {
        return store.dropWatches();
    }

    /**
     * Ends every open watch with one last event of {@code type} carrying {@code object} (e.g. one a client cannot
     * read, as a broken proxy or a buggy webhook can produce), then closes it. Returns how many.
     */
    public int endWatches(String type, JsonObject object) {
        return store.endWatches(type, object);
    }

    /**
     * Forgets every type's event history, as etcd compaction does: a watch (re)started from any resourceVersion
     * handed out so far gets an ERROR event with a 410 Expired Status, and its client must list again.
     */
    public void forgetHistory() {
        store.forgetHistory();
    }

    /**
     * The next {@code times} requests with this method ({@code "*"} for any; {@code "WATCH"} for watch requests
     * only) and a path in which {@code pathRegex} is found (case-insensitive, query not included) are answered
     * {@code status} with a Kubernetes Status body (reason as the real server gives for that code; 409 with the
     * real Conflict message).
     */
    public void failNext(String method, String pathRegex, int status, int times) {
        failures.add(method, pathRegex, status, times);
    }

    public void clearFailures() {
        failures.clear();
    }

    /** The requests served, oldest first, as {@code METHOD uri} (the last {@value RequestLog#KEEP}). */
    public List<String> requests() {
        return log.entries();
    }

    /** How many requests (of those kept) had this method ({@code "*"}: any) and a URI matching the regex. */
    public long requestCount(String method, String uriRegex) {
        return log.count(method, uriRegex);
    }

    /** How many requests were served since the start. */
    public long requestTotal() {
        return log.total();
    }

    /** Stops serving: every watch is cut, the port is released. */
    public Future<Void> stop() {
        return vertx.undeploy(deployment);
    }

    /** {@link #stop()}, waiting for it unless called on a Vert.x thread. */
    @Override
    public void close() {
        Future<Void> stopped = stop();
        if (Context.isOnVertxThread()) {
            return;
        }
        try {
            stopped.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(InMemoryApiServer.class).warn("in-memory API server: {}",
                    e.toString());
        }
    }

    private ApiType type(String apiVersion, String plural) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        return store.types().find(group, version, plural)
                .orElseThrow(() -> StatusBodies.unknownPath(apiVersion + "/" + plural));
    }
}
