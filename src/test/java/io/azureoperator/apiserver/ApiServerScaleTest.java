package io.azureoperator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 30,000 custom resources: seeded through the Java API, then listed and watched by a fabric8 informer, then more
 * created over HTTP by a pooled client. Counts are asserted; rates are printed, never asserted.
 */
@Timeout(60)
class ApiServerScaleTest extends WidgetServerTest {
    private static final int SEEDED = 30_000;
    private static final int OVER_HTTP = 4_000;
    private static final int WARM_UP = 3_000;
    private static final int NAMESPACES = 30;


    @Test
    void thirtyThousandResourcesSeedListWatchAndGrowOverHttp() throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < SEEDED; i++) {
            server.create(Widgets.widgetJson("ns-" + (i % NAMESPACES), "seeded-" + i, "size-" + (i % 7)));
        }
        double seedSeconds = seconds(t0);
        assertThat(server.count("example.com/v1", "widgets")).isEqualTo(SEEDED);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            createOverHttp(pool, "warm-up-", WARM_UP); // fabric8's and the JIT's first calls are slow: not timed
            long t1 = System.nanoTime();
            createOverHttp(pool, "http-", OVER_HTTP);
            double createSeconds = seconds(t1);

            long t2 = System.nanoTime();
            SharedIndexInformer<GenericKubernetesResource> informer = client
                    .genericKubernetesResources(Widgets.CONTEXT).inAnyNamespace().runnableInformer(0);
            informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            double syncSeconds = seconds(t2);
            int listed = SEEDED + WARM_UP + OVER_HTTP;
            assertThat(informer.getStore().list()).hasSize(listed);

            long t3 = System.nanoTime();
            createOverHttp(pool, "watched-", OVER_HTTP);
            double watchedSeconds = seconds(t3);
            ApiServerWatchTest.await("the informer saw every create", () -> informer.getStore().list().size()
                    == listed + OVER_HTTP, () -> "cached: " + informer.getStore().list().size());
            informer.stop();
            assertThat(server.count("example.com/v1", "widgets")).isEqualTo(listed + OVER_HTTP);

            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("in-memory API server: seeded %d CRs through the Java API in %.2fs (%.0f/s); %d "
                            + "creates over HTTP (16 threads, one fabric8 client, after %d to warm up) in %.2fs "
                            + "(%.0f/s); an informer listed and synced %d in %.2fs; %d more creates while it watched "
                            + "in %.2fs (%.0f/s); heap after GC %d MB (informer cache included)%n",
                    SEEDED, seedSeconds, SEEDED / seedSeconds, OVER_HTTP, WARM_UP, createSeconds,
                    OVER_HTTP / createSeconds, listed, syncSeconds, OVER_HTTP, watchedSeconds,
                    OVER_HTTP / watchedSeconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void createOverHttp(ExecutorService pool, String prefix, int n) throws Exception {
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ns = "ns-" + (i % NAMESPACES);
            String name = prefix + i;
            creates.add(pool.submit(() -> widgets().inNamespace(ns)
                    .resource(Widgets.widget(name, "s")).create()));
        }
        for (Future<?> f : creates) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
