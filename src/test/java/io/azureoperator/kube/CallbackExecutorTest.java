package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CallbackExecutorTest {
    private final ExecutorService fallback = Executors.newSingleThreadExecutor(r -> new Thread(r, "fallback"));
    private final CallbackExecutor executor = new CallbackExecutor(fallback);

    @AfterEach
    void stop() {
        fallback.shutdownNow();
    }

    @Test
    void aTaskHandedOverOnAnEventLoopRunsThereAfterTheCurrentTask(Vertx vertx, VertxTestContext test) {
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            Thread loop = Thread.currentThread();
            List<String> order = new ArrayList<>();
            executor.execute(() -> test.verify(() -> {
                order.add("task");
                assertThat(Thread.currentThread()).isSameAs(loop);
                assertThat(Vertx.currentContext()).isSameAs(context);
                assertThat(order).containsExactly("handed over", "task");
                test.completeNow();
            }));
            order.add("handed over");
        });
    }

    @Test
    void aTaskHandedOverElsewhereRunsOnTheFallback() throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        executor.execute(() -> thread.complete(Thread.currentThread().getName()));
        assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("fallback");
    }

    @Test
    void anInterruptAimedAtATaskDoesNotOutliveItOnTheEventLoop(Vertx vertx, VertxTestContext test) {
        vertx.getOrCreateContext().runOnContext(v -> {
            executor.execute(() -> Thread.currentThread().interrupt()); // as fabric8 does to a running task on close
            vertx.getOrCreateContext().runOnContext(x -> test.verify(() -> {
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
                test.completeNow();
            }));
        });
    }

    @Test
    void nothingRunsOnceShutDown(Vertx vertx, VertxTestContext test) {
        executor.shutdownNow();
        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        vertx.getOrCreateContext().runOnContext(v -> test.verify(() -> {
            assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
            test.completeNow();
        }));
    }
}
