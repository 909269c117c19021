package io.azureoperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP endpoints answer while the operator starts: a probe sees a live process whose caches still sync. */
@ExtendWith(VertxExtension.class)
class MainServingTest {

    @Test
    void readyzAnswers503AndHealthz200WhileTheOperatorStarts(Vertx vertx) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Promise<Operator> starting = Promise.promise();
        Future<Operator> served = Main.serving(vertx, port, starting::future);
        WebClient web = WebClient.create(vertx);
        HttpResponse<Buffer> ready = null;
        for (int i = 0; i < 50 && ready == null; i++) {
            try {
                ready = web.get(port, "127.0.0.1", "/readyz").send().await(5, TimeUnit.SECONDS);
            } catch (Exception notListeningYet) {
                Thread.sleep(100);
            }
        }
        assertThat(ready).as("/readyz answers before the operator has started").isNotNull();
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.bodyAsString()).isEqualTo("caches not synced\n");
        assertThat(web.get(port, "127.0.0.1", "/healthz").send().await(5, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);

        starting.fail(new IllegalStateException("the API server is unreachable"));
        assertThatThrownBy(() -> served.await(5, TimeUnit.SECONDS)).hasMessageContaining("the API server is unreachable");
    }
}
