package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kinds.References;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vertx.core.Vertx;
import java.util.ArrayList;
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
    private final DependencyListeners listeners = new DependencyListeners();
    /** A kind with a run in flight: it hears of every change. */
    private DependencyListeners.Listener running;
    private InformerBridge bridge;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        vertx.eventBus().<String>localConsumer(EventAddresses.changed(RG), m -> queued.add(m.body()));
        running = listeners.join(RG);
        running.runStarted();
        vertx.eventBus().<String>localConsumer(running.address(), m -> dependents.add(m.body()));
        bridge = new InformerBridge(vertx.eventBus(), RG, ownWrites, listeners);
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

    /** What one address received. */
    private record Inbox(String address, List<String> received) {
    }

    /**
     * Waits until everything the bridge sent has been delivered: a marker sent after it on each address (the kind's
     * queue, the running kind's and {@code others}), from the same thread, arrives after it.
     */
    private void settle(Inbox... others) throws InterruptedException {
        List<Inbox> inboxes = new ArrayList<>(List.of(new Inbox(EventAddresses.changed(RG), queued),
                new Inbox(running.address(), dependents)));
        inboxes.addAll(List.of(others));
        inboxes.forEach(inbox -> vertx.eventBus().send(inbox.address(), "marker"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!inboxes.stream().allMatch(inbox -> inbox.received().contains("marker"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the event bus delivered nothing within 10 s");
            }
            Thread.sleep(5);
        }
        inboxes.forEach(inbox -> inbox.received().remove("marker"));
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

    @Test
    void aChangeReachesOnlyTheKindsThatRunOrWaitOnIt() throws Exception {
        List<String> waiting = new CopyOnWriteArrayList<>();
        List<String> idle = new CopyOnWriteArrayList<>();
        DependencyListeners.Listener waiter = listeners.join(RG);
        DependencyListeners.Listener bystander = listeners.join(RG);
        vertx.eventBus().<String>localConsumer(waiter.address(), m -> waiting.add(m.body()));
        vertx.eventBus().<String>localConsumer(bystander.address(), m -> idle.add(m.body()));
        String rg = References.dependency(RG, "ns", "rg");
        waiter.waitsOn(rg);
        waiter.waitsOn(References.dependency(RG, "ns", "other"));

        Inbox[] both = {new Inbox(waiter.address(), waiting), new Inbox(bystander.address(), idle)};
        bridge.onAdd(at("1"));
        settle(both);
        waiter.waitsNoLongerOn(rg);
        bystander.runStarted();
        bystander.runEnded();
        bridge.onAdd(at("2"));
        settle(both);

        assertThat(dependents).as("a kind with a run in flight").containsExactly(rg, rg);
        assertThat(waiting).as("a kind waiting on it, until it no longer does").containsExactly(rg);
        assertThat(idle).as("a kind whose run ended and that waits on nothing").isEmpty();
    }
}
