package io.azureoperator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process serves) and {@code /readyz} (caches synced) on HTTP_PORT. */
public final class HealthServer {
    private HealthServer() {
    }

    public static Future<HttpServer> start(Vertx vertx, int port, BooleanSupplier ready) {
        Router router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok\n"));
        router.get("/readyz").handler(ctx -> {
            boolean ok = ready.getAsBoolean();
            ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "text/plain")
                    .end(ok ? "ready\n" : "caches not synced\n");
        });
        return vertx.createHttpServer().requestHandler(router).listen(port);
    }
}
