package io.azureoperator.kube;

import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's Kubernetes client: fabric8 on the operator's own Vert.x instance, so watches and writes run on its
 * event loops instead of a second HTTP stack with its own threads (at a burst of creates, fabric8's JDK HTTP client
 * cost about a third more CPU per write). With an HTTP proxy configured, the JDK client is used: fabric8's Vert.x 5
 * client needs a newer Vert.x than this operator's for some proxy authorizations.
 */
public final class KubernetesClients {
    /**
     * Connections to the API server for requests, besides one per watch (a watch that falls back from WebSocket to
     * HTTP streaming holds a pooled connection for its lifetime). fabric8 allows 8,192, and Vert.x picks a
     * connection by scanning the pool: a burst of a thousand writes opened a thousand connections and spent a
     * tenth of the operator's CPU choosing among them. More requests than this wait in the pool's queue.
     */
    static final int REQUEST_CONNECTIONS = 64;
    /**
     * Threads for fabric8's tasks that do not come from an event loop (its scheduler's reconnects and resyncs; every
     * watch event when an HTTP proxy makes fabric8 use the JDK client): the fallback of {@link CallbackExecutor}.
     * Watch events are deserialized and handled on the event loop that read them. Handing each one to a pool thread
     * instead cost, in a burst of 1,000 applies in {@code bench scale}, 13–25% more operator CPU per apply, most of
     * it in the kernel, waking threads and switching between them (fabric8's default cached pool cost more still:
     * it parks each thread after every task).
     */
    static final int CALLBACK_THREADS = 2;
    static final String CALLBACK_THREAD_PREFIX = "kube-callbacks-";

    private KubernetesClients() {
    }

    /** Watches the operator opens: one per kind and watched namespace scope, and one on Namespaces. */
    static int watches(OperatorConfig operator, KindRegistry kinds) {
        return kinds.all().size() * Math.max(1, operator.targetNamespaces().size()) + 1;
    }

    /** The client of an operator configured by {@code operator}, for {@code kinds}, on {@code vertx}. */
    public static KubernetesClient forOperator(Vertx vertx, Config config, OperatorConfig operator,
                                               KindRegistry kinds) {
        int connections = REQUEST_CONNECTIONS + watches(operator, kinds);
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config)
                .withTaskExecutorSupplier(new KubernetesClientBuilder.ExecutorSupplier() {
                    @Override
                    public ExecutorService get() {
                        return new CallbackExecutor(callbackPool());
                    }

                    @Override
                    public void onClose(Executor executor) {
                        ((ExecutorService) executor).shutdownNow();
                    }
                });
        if (usesProxy(config)) {
            return builder.build();
        }
        return builder.withHttpClientFactory(new Vertx5HttpClientFactory(vertx) {
            @Override
            protected void additionalConfig(WebClientOptions client, WebSocketClientOptions webSockets,
                                            PoolOptions pool) {
                pool.setHttp1MaxSize(connections).setHttp2MaxSize(connections);
            }
        }).build();
    }

    private static ExecutorService callbackPool() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(CALLBACK_THREADS, CALLBACK_THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, CALLBACK_THREAD_PREFIX + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    static boolean usesProxy(Config config) {
        return notBlank(config.getHttpProxy()) || notBlank(config.getHttpsProxy());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
