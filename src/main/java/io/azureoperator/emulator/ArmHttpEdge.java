package io.azureoperator.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/** The only Vert.x-facing part: turns HTTP requests into {@link ArmRequest}s and writes {@link ArmResponse}s. */
final class ArmHttpEdge {

    private final Vertx vertx;
    private final ArmService service;
    private final Consumer<RecordedRequest> recorder;
    private volatile Duration latency = Duration.ZERO;
    final ConnectionFaults connectionFaults = new ConnectionFaults();

    ArmHttpEdge(Vertx vertx, ArmService service, Consumer<RecordedRequest> recorder) {
        this.vertx = vertx;
        this.service = service;
        this.recorder = recorder;
    }

    void latency(Duration latency) {
        this.latency = latency;
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.route().handler(this::handle);
        return router;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest http = ctx.request();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        Map<String, String> query = new LinkedHashMap<>();
        http.params().forEach(p -> query.putIfAbsent(p.getKey(), p.getValue()));
        String body = ctx.body().buffer() == null ? null : ctx.body().asString();
        ArmRequest request = new ArmRequest(http.method().name(), decode(http.path()), query, body,
                Collections.unmodifiableMap(headers));
        recorder.accept(new RecordedRequest(request.method(), request.path(), request.apiVersion(),
                jsonOrNull(body), request.headers()));
        long delayMs = latency.toMillis();
        java.util.Optional<ConnectionFaults.Plan> fault = connectionFaults.take(request.method(), request.path());
        if (fault.isPresent()) {
            injure(ctx, request, fault.get(), delayMs);
        } else if (delayMs > 0) {
            vertx.setTimer(delayMs, id -> respond(ctx, request));
        } else {
            respond(ctx, request);
        }
    }

    /** A planned transport fault: reset or hang, with the request applied first or not at all. */
    private void injure(RoutingContext ctx, ArmRequest request, ConnectionFaults.Plan plan, long latencyMs) {
        Runnable act = () -> {
            if (plan.afterApplying()) {
                service.handle(request); // ARM acted on it; the answer is lost
            }
            if (plan.kind() == ConnectionFaults.Kind.RESET) {
                ctx.request().connection().close();
                return;
            }
            vertx.setTimer(Math.max(1, plan.hang().toMillis()), id -> write(ctx, ArmResponse.error(new ArmError(504,
                    "GatewayTimeout", "The gateway did not receive a response within the specified time."))));
        };
        if (latencyMs > 0) {
            vertx.setTimer(latencyMs, id -> act.run());
        } else {
            act.run();
        }
    }

    private void respond(RoutingContext ctx, ArmRequest request) {
        write(ctx, service.handle(request));
    }

    private void write(RoutingContext ctx, ArmResponse response) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return; // the client went away meanwhile
        }
        HttpServerResponse http = ctx.response().setStatusCode(response.status());
        response.headers().forEach(http::putHeader);
        http.putHeader("x-ms-request-id", UUID.randomUUID().toString());
        if (response.body() == null) {
            http.putHeader("Content-Length", "0").end();
        } else {
            http.putHeader("Content-Type", "application/json; charset=utf-8").end(response.body().encode());
        }
    }

    private static JsonObject jsonOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
