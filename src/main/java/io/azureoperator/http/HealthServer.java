package io.azureoperator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the process serves) and {@code /readyz} on HTTP_PORT. {@code /readyz} answers 200
 * once the caches are synced, stating the role ({@code ready: leading} or {@code ready: standby}: a
 * standby is ready, its caches are warm), and 503 while they sync or while the operator stops.
 */
public final class HealthServer {
    private HealthServer() {
    }

    /**
     * {@code role} is {@code leading}, {@code standby}, {@code stopping}, or null when not known;
     * {@code metrics} gives the Prometheus text served at {@code /metrics}.
     */
    public static Future<HttpServer> start(Vertx vertx, int port, BooleanSupplier ready, Supplier<String> role,
                                           Supplier<String> metrics) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
        router.get("/readyz").handler(ctx -> {
            String r = role.get();
            boolean synced = ready.getAsBoolean();
            int status;
            String body;
            if ("stopping".equals(r)) {
                status = 503;
                body = "stopping\n";
            } else if (!synced) {
                status = 503;
                body = "caches not synced" + (r == null ? "" : " (" + r + ")") + "\n";
            } else {
                status = 200;
                body = r == null ? "ready\n" : "ready: " + r + "\n";
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain").end(body);
        });
        return vertx.createHttpServer().requestHandler(router).listen(port);
    }
}
