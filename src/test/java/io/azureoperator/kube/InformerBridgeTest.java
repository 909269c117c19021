package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InformerBridgeTest {
    private static final KindDescriptor RG = KindRegistry.builtIn().find("resources.azure.com", "ResourceGroup")
            .orElseThrow();
    private Vertx vertx;
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final List<String> dependents = new CopyOnWriteArrayList<>();
    private final OwnWrites ownWrites = new OwnWrites();
    private InformerBridge bridge;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        vertx.eventBus().<String>localConsumer(EventAddresses.changed(RG), m -> queued.add(m.body()));
        vertx.eventBus().<String>localConsumer(EventAddresses.RESOURCE_CHANGED, m -> dependents.add(m.body()));
        bridge = new InformerBridge(vertx.eventBus(), RG, ownWrites);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private static GenericKubernetesResource at(String version, String... finalizers) {
        return new GenericKubernetesResourceBuilder().withApiVersion("resources.azure.com/v1api20200601")
                .withKind("ResourceGroup").withNewMetadata().withNamespace("ns").withName("rg")
                .withResourceVersion(version).withFinalizers(finalizers).endMetadata().build();
    }

    /**
     * Waits until everything the bridge sent has been delivered: a marker sent after it on both addresses, from
     * the same thread, arrives after it.
     */
    private void settle() throws InterruptedException {
        vertx.eventBus().send(EventAddresses.changed(RG), "marker");
        vertx.eventBus().publish(EventAddresses.RESOURCE_CHANGED, "marker");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!(queued.contains("marker") && dependents.contains("marker"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the event bus delivered nothing within 10 s");
            }
            Thread.sleep(5);
        }
        queued.remove("marker");
        dependents.remove("marker");
    }

    @Test
    void theVersionOurClaimProducedDoesNotQueueTheResourceAgainButTellsDependents() throws Exception {
        ownWrites.record(at("1"), at("2", "serviceoperator.azure.com/finalizer"));

        bridge.onUpdate(at("1"), at("2", "serviceoperator.azure.com/finalizer"));
        settle();

        assertThat(queued).isEmpty();
        assertThat(dependents).hasSize(1);
        assertThat(ownWrites.size()).as("the cache caught up").isZero();
    }

    @Test
    void someoneElsesChangeQueuesTheResource() throws Exception {
        ownWrites.record(at("1"), at("2", "serviceoperator.azure.com/finalizer"));

        bridge.onUpdate(at("2", "serviceoperator.azure.com/finalizer"), at("3"));
        bridge.onAdd(at("4"));
        settle();

        assertThat(queued).containsExactly("ns/rg", "ns/rg");
    }

    @Test
    void aDeleteQueuesTheResourceAndForgetsOurCopy() throws Exception {
        ownWrites.record(at("1"), at("2"));

        bridge.onDelete(at("1"), false);
        settle();

        assertThat(queued).containsExactly("ns/rg");
        assertThat(ownWrites.size()).isZero();
    }
}
