package io.azureoperator.apiserver;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only Vert.x-facing part: turns HTTP requests into {@link ObjectStore} calls and writes the answers. A
 * verticle, so it has an event loop of its own; nothing here blocks (store calls are short and never wait).
 */
final class ApiHttpEdge extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpEdge.class);

    private final ObjectStore store;
    private final FailureRules failures;
    private final RequestLog log;
    private final String host;
    private final int requestedPort;
    private final long bookmarkMillis;
    private HttpServer server;
    private volatile int port = -1;

    ApiHttpEdge(ObjectStore store, FailureRules failures, RequestLog log, String host, int port,
                long bookmarkMillis) {
        this.store = store;
        this.failures = failures;
        this.log = log;
        this.host = host;
        this.requestedPort = port;
        this.bookmarkMillis = bookmarkMillis;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(bookmarkMillis, id -> store.bookmarks());
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle)
                .listen(requestedPort, host)
                .onSuccess(s -> {
                    server = s;
                    port = s.actualPort();
                });
    }

    @Override
    public Future<?> stop() {
        store.dropWatches();
        return server == null ? Future.succeededFuture() : server.close();
    }

    int port() {
        return port;
    }

    private void handle(HttpServerRequest req) {
        log.record(req.method().name(), req.uri());
        boolean watch = isWatch(req.params());
        ApiPath path = ApiPath.parse(req.path());
        OptionalInt injected = failures.take(req.method().name(), watch, req.path());
        if (injected.isPresent()) {
            int code = injected.getAsInt();
            String message = code == 409 && path.name() != null
                    ? StatusBodies.conflictMessage(path.plural() + (path.group().isEmpty() ? "" : "." + path.group()),
                    path.name())
                    : "injected failure (" + code + ") for " + req.method() + " " + req.path();
            req.body().onComplete(ar -> json(req, code, StatusBodies.injected(code, message).toBuffer()));
            return;
        }
        try {
            switch (path.kind()) {
                case VERSION -> json(req, 200, Discovery.version().toBuffer());
                case CORE_VERSIONS -> json(req, 200, Discovery.coreVersions(host + ":" + port).toBuffer());
                case GROUPS -> json(req, 200, Discovery.groups(store.types().all()).toBuffer());
                case GROUP -> group(req, path.group());
                case RESOURCE_LIST -> {
                    JsonObject doc = Discovery.resources(store.types().all(), path.group(), path.version());
                    if (doc == null) {
                        throw StatusBodies.unknownPath(req.path());
                    }
                    json(req, 200, doc.toBuffer());
                }
                case RESOURCE -> resource(req, path, watch);
                default -> throw StatusBodies.unknownPath(req.path());
            }
        } catch (ApiException e) {
            req.body().onComplete(ar -> json(req, e.code(), e.status().toBuffer()));
        }
    }

    private void group(HttpServerRequest req, String name) {
        for (Object g : Discovery.groups(store.types().all()).getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            if (group.getString("name").equals(name)) {
                json(req, 200, group.copy().put("kind", "APIGroup").put("apiVersion", "v1").toBuffer());
                return;
            }
        }
        throw StatusBodies.unknownPath(req.path());
    }

    private void resource(HttpServerRequest req, ApiPath path, boolean watch) {
        ApiType type = store.types().find(path.group(), path.version(), path.plural())
                .orElseThrow(() -> StatusBodies.unknownPath(req.path()));
        if (path.subresource() != null && !path.subresource().equals("status")) {
            throw StatusBodies.unknownPath(req.path());
        }
        String namespace = type.namespaced() ? path.namespace() : null;
        if (watch && req.method() == HttpMethod.GET && path.name() == null) {
            watch(req, type, namespace);
            return;
        }
        req.body().onSuccess(body -> answer(req, () -> dispatch(req, path, type, namespace, body)))
                .onFailure(t -> LOG.debug("request body not read: {}", t.toString()));
    }

    private record Reply(int code, Buffer body) {
    }

    private Reply dispatch(HttpServerRequest req, ApiPath path, ApiType type, String namespace, Buffer body) {
        String name = path.name();
        boolean status = "status".equals(path.subresource());
        if (type.namespaced() && namespace == null && name != null) {
            throw StatusBodies.unknownPath(req.path());
        }
        HttpMethod method = req.method();
        if (method == HttpMethod.GET) {
            return name == null ? list(type, namespace, req.params())
                    : new Reply(200, Buffer.buffer(store.get(type, namespace, name).bytes()));
        }
        if (method == HttpMethod.POST && name == null) {
            if (type.namespaced() && namespace == null) {
                throw StatusBodies.methodNotAllowed("POST to all namespaces");
            }
            return new Reply(201, Buffer.buffer(store.create(type, namespace, object(body)).bytes()));
        }
        if (method == HttpMethod.PUT && name != null) {
            JsonObject replacement = object(body);
            return new Reply(200, Buffer.buffer(store.update(type, namespace, name, current -> replacement, status)
                    .bytes()));
        }
        if (method == HttpMethod.PATCH && name != null) {
            UnaryOperator<JsonObject> patch = patch(req.getHeader("Content-Type"), body);
            return new Reply(200, Buffer.buffer(store.update(type, namespace, name, patch, status).bytes()));
        }
        if (method == HttpMethod.DELETE && name != null) {
            JsonObject options = body.length() == 0 ? new JsonObject() : object(body);
            String policy = req.getParam("propagationPolicy"); // kubectl's --cascade sends it in the body instead
            if (policy != null && !options.containsKey("propagationPolicy")) {
                options.put("propagationPolicy", policy);
            }
            return new Reply(200, Buffer.buffer(store.delete(type, namespace, name, options).bytes()));
        }
        if (method == HttpMethod.DELETE) {
            return deleteCollection(type, namespace, req.params());
        }
        throw StatusBodies.methodNotAllowed(method.name());
    }

    private static UnaryOperator<JsonObject> patch(String contentType, Buffer body) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json-patch+json" -> {
                JsonArray ops = array(body);
                yield current -> JsonPatch.apply(current, ops);
            }
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
                JsonObject merge = object(body);
                yield current -> MergePatch.apply(current, merge);
            }
            default -> throw StatusBodies.unsupportedMediaType(mediaType);
        };
    }

    private Reply list(ApiType type, String namespace, MultiMap q) {
        Predicate<StoredObject> selector = Selectors.parse(q.get("labelSelector"), q.get("fieldSelector"));
        ListPage page = ListPage.of(store.list(type, namespace, selector), limit(q.get("limit")), q.get("continue"));
        return new Reply(200, page.encode(type));
    }

    private Reply deleteCollection(ApiType type, String namespace, MultiMap q) {
        Predicate<StoredObject> selector = Selectors.parse(q.get("labelSelector"), q.get("fieldSelector"));
        ObjectStore.Snapshot snapshot = store.list(type, namespace, selector);
        List<StoredObject> deleted = snapshot.items().stream().map(o -> {
            try {
                return store.delete(type, o.namespace(), o.name(), null);
            } catch (ApiException e) {
                return null; // deleted meanwhile
            }
        }).filter(Objects::nonNull).toList();
        return new Reply(200, new ListPage(deleted, snapshot.resourceVersion(), null, 0).encode(type));
    }

    // ---------------------------------------------------------------- watches

    private void watch(HttpServerRequest req, ApiType type, String namespace) {
        MultiMap q = req.params();
        Predicate<StoredObject> selector = Selectors.parse(q.get("labelSelector"), q.get("fieldSelector"));
        String from = q.get("resourceVersion");
        if (from != null && !from.isEmpty()) {
            ObjectStore.parseVersion(from);
        }
        boolean bookmarks = "true".equals(q.get("allowWatchBookmarks"));
        boolean initialEvents = "true".equals(q.get("sendInitialEvents"));
        long timeoutSeconds = q.get("timeoutSeconds") == null ? 0 : limit(q.get("timeoutSeconds"));
        Context context = vertx.getOrCreateContext();
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            HttpConnection connection = req.connection();
            req.toWebSocket().onSuccess(ws -> open(type, namespace, selector, bookmarks, from, initialEvents,
                            timeoutSeconds, new WebSocketWatchStream(context, ws, connection)))
                    .onFailure(t -> LOG.debug("watch upgrade failed: {}", t.toString()));
        } else {
            open(type, namespace, selector, bookmarks, from, initialEvents, timeoutSeconds,
                    new ChunkedWatchStream(context, req.response()));
        }
    }

    private void open(ApiType type, String namespace, Predicate<StoredObject> selector, boolean bookmarks,
                      String from, boolean initialEvents, long timeoutSeconds, WatchStream stream) {
        WatchSubscription s = new WatchSubscription(type, namespace, selector, bookmarks, stream);
        long timer = timeoutSeconds > 0 ? vertx.setTimer(timeoutSeconds * 1000, id -> store.endWatch(type, s)) : -1;
        stream.onClose(() -> {
            store.unwatch(type, s);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
        store.watch(type, s, from, initialEvents);
        if (stream.isClosed()) {
            store.unwatch(type, s); // the client left before the watch was registered
        }
    }

    private static boolean isWatch(MultiMap q) {
        String w = q.get("watch");
        return "true".equals(w) || "1".equals(w);
    }

    // ---------------------------------------------------------------- plumbing

    private static void answer(HttpServerRequest req, Supplier<Reply> work) {
        Reply reply;
        try {
            reply = work.get();
        } catch (ApiException e) {
            reply = new Reply(e.code(), e.status().toBuffer());
        } catch (DecodeException | ClassCastException e) {
            reply = new Reply(400, StatusBodies.status(400, "BadRequest", "the body of the request is not valid: "
                    + e.getMessage()).toBuffer());
        } catch (RuntimeException e) {
            LOG.warn("in-memory API server: {} {} failed", req.method(), req.uri(), e);
            reply = new Reply(500, StatusBodies.status(500, "InternalError", String.valueOf(e)).toBuffer());
        }
        json(req, reply.code(), reply.body());
    }

    private static void json(HttpServerRequest req, int code, Buffer body) {
        if (req.response().closed() || req.response().ended()) {
            return;
        }
        req.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
    }

    private static JsonObject object(Buffer body) {
        if (body.length() == 0) {
            throw StatusBodies.badRequest("the request needs a body");
        }
        return new JsonObject(body);
    }

    private static JsonArray array(Buffer body) {
        return new JsonArray(body);
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw StatusBodies.badRequest("invalid number: " + value);
        }
    }
}
