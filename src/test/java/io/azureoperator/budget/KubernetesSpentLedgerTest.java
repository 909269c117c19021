package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.local.MockKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesSpentLedgerTest {
    private static final String SUB = "00000000-AAAA-4000-8000-000000000001";
    private static MockKubernetes kube;
    private static ExecutorService workers;

    @BeforeAll
    static void start() {
        kube = MockKubernetes.start(KindRegistry.builtIn());
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        workers.shutdownNow();
        kube.close();
    }

    private final Reservation a = new Reservation(RequestClass.WRITE, 1_000, 2_000, 12);
    private final Reservation b = new Reservation(RequestClass.READ, 1_500, 2_500, 120);
    private final Reservation foreign = new Reservation(RequestClass.WRITE, 1_700, 1_800, 3);

    @Test
    void storesInAConfigMapAndASuccessorLoadsIt() {
        String sub = SUB + "1";
        KubernetesSpentLedger first = new KubernetesSpentLedger(kube.client(), "ops", workers);
        assertThat(first.load(sub).toCompletableFuture().join()).isEmpty();
        assertThat(first.store(sub, List.of(a)).toCompletableFuture().join()).containsExactly(a);
        assertThat(first.store(sub, List.of(a, b)).toCompletableFuture().join()).containsExactly(a, b);

        ConfigMap map = kube.client().configMaps().inNamespace("ops")
                .withName("azure-operator-budget-" + sub.toLowerCase()).get();
        assertThat(map.getData().get("reservations")).isEqualTo("WRITE:1000:2000:12\nREAD:1500:2500:120\n");

        // the process dies; a new one (new client, new ledger object) reads what was spent
        KubernetesSpentLedger second = new KubernetesSpentLedger(kube.newClient(), "ops", workers);
        assertThat(second.load(sub).toCompletableFuture().join()).containsExactly(a, b);
        assertThat(second.store(sub, List.of(b)).toCompletableFuture().join()).containsExactly(b);
    }

    @Test
    void aConcurrentWriterIsDetectedByResourceVersionAndItsRecordsAreKept() {
        String sub = SUB + "2";
        KubernetesSpentLedger mine = new KubernetesSpentLedger(kube.client(), "ops", workers);
        KubernetesSpentLedger other = new KubernetesSpentLedger(kube.newClient(), "ops", workers);
        mine.load(sub).toCompletableFuture().join();
        mine.store(sub, List.of(a)).toCompletableFuture().join();
        other.load(sub).toCompletableFuture().join();
        other.store(sub, List.of(a, foreign)).toCompletableFuture().join();

        // my resourceVersion is stale: the write conflicts, is merged with the other writer's record, and retried
        List<Reservation> stored = mine.store(sub, List.of(b)).toCompletableFuture().join();
        assertThat(stored).containsExactlyInAnyOrder(b, foreign);
        assertThat(new KubernetesSpentLedger(kube.newClient(), "ops", workers).load(sub).toCompletableFuture().join())
                .containsExactlyInAnyOrder(b, foreign);
    }

    @Test
    void twoFirstWritersBothCreatingTheMapMerge() {
        String sub = SUB + "3";
        KubernetesSpentLedger mine = new KubernetesSpentLedger(kube.client(), "ops", workers);
        KubernetesSpentLedger other = new KubernetesSpentLedger(kube.newClient(), "ops", workers);
        mine.load(sub).toCompletableFuture().join();
        other.load(sub).toCompletableFuture().join();
        other.store(sub, List.of(foreign)).toCompletableFuture().join();
        assertThat(mine.store(sub, List.of(a)).toCompletableFuture().join()).containsExactlyInAnyOrder(a, foreign);
    }

    @Test
    void aLedgerSomeoneDeletedIsCreatedAgainWithWhatThisProcessKnows() {
        String sub = SUB + "4";
        KubernetesSpentLedger ledger = new KubernetesSpentLedger(kube.client(), "ops", workers);
        ledger.load(sub).toCompletableFuture().join();
        ledger.store(sub, List.of(a)).toCompletableFuture().join();
        kube.client().configMaps().inNamespace("ops").withName(KubernetesSpentLedger.configMapName(sub)).delete();
        
        assertThat(ledger.store(sub, List.of(a, b)).toCompletableFuture().join()).containsExactly(a, b);
        assertThat(new KubernetesSpentLedger(kube.newClient(), "ops", workers).load(sub).toCompletableFuture().join())
                .containsExactly(a, b);
    }
}
