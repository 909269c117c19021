package io.azureoperator.kube;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's task executor, where watch events are deserialized and informer handlers run. A task handed over on a
 * Vert.x event loop (a watch's connection delivering an event) runs on that event loop, as the loop's next task:
 * the event goes from the socket to the informer's cache without waking another thread. Any other task (fabric8's
 * scheduler: reconnects, resyncs) runs on {@code fallback}.
 *
 * <p>Only non-blocking work may come here: fabric8's watch and informer tasks, and handlers that only forward to
 * the event bus. Blocking fabric8 work (the leader elector's Lease calls) gets an executor of its own.
 * fabric8 interrupts the thread of a task still running when a watch closes; on an event loop that interrupt is
 * cleared once the task ends, so it cannot reach the loop's next channel write.
 */
final class CallbackExecutor extends AbstractExecutorService {
    private final ExecutorService fallback;

    CallbackExecutor(ExecutorService fallback) {
        this.fallback = fallback;
    }

    @Override
    public void execute(Runnable task) {
        if (fallback.isShutdown()) {
            throw new RejectedExecutionException("the Kubernetes client is closed");
        }
        Context context = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
        if (context == null) {
            fallback.execute(task);
            return;
        }
        context.runOnContext(v -> {
            try {
                task.run();
            } finally {
                Thread.interrupted();
            }
        });
    }

    @Override
    public void shutdown() {
        fallback.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return fallback.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return fallback.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return fallback.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return fallback.awaitTermination(timeout, unit);
    }
}
