package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.arm.MutableClock;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.local.MockKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EventRecorderTest {
    private MockKubernetes kube;
    private EventRecorder events;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final GenericKubernetesResource rg = new GenericKubernetesResourceBuilder()
            .withApiVersion("resources.azure.com/v1api20200601").withKind("ResourceGroup")
            .withNewMetadata().withName("rg").withNamespace("ns").withUid("u-1").endMetadata().build();

    @BeforeEach
    void start(Vertx vertx) {
        kube = MockKubernetes.start(new KindRegistry(List.of()));
        events = new EventRecorder(kube.client(), clock);
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private int count() {
        return kube.client().v1().events().inNamespace("ns").list().getItems().size();
    }

    @Test
    void aRepeatedEventIsRecordedOncePerWindow() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            events.warning(rg, "InternalServerError", "ARM failed (request " + i + ")"); // messages differ each time
        }
        events.normal(rg, "Reconciled", "created");
        waitFor(2);
        Thread.sleep(200);
        assertThat(count()).isEqualTo(2);
        var recorded = kube.client().v1().events().inNamespace("ns").list().getItems();
        assertThat(recorded).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("ARM failed (request 0)");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("rg");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("ResourceGroup");
        });

        events.warning(rg, "SecretNotFound", "no credential"); // another reason: its own event
        waitFor(3);

        clock.advance(EventRecorder.DEDUP_WINDOW.plus(Duration.ofSeconds(1)));
        events.warning(rg, "InternalServerError", "ARM failed (request 51)");
        waitFor(4);
    }

    private void waitFor(int n) throws InterruptedException {
        for (int i = 0; i < 100 && count() < n; i++) {
            Thread.sleep(20);
        }
        assertThat(count()).isEqualTo(n);
    }
}
