package io.azureoperator.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The "done when" of {@code --local}: started as Main starts it, every sample becomes Ready and the view shows it. */
class LocalModeTest {
    private LocalMode local;
    private KubernetesClient user;

    @AfterEach
    void stop() {
        if (user != null) {
            user.close();
        }
        if (local != null) {
            local.stop();
        }
    }

    @Test
    void everySampleBecomesReadyAndTheLiveViewShowsItWithTheArmBudget() {
        local = LocalMode.start(ConfigLoader.load(Path.of("does-not-exist.json"), false, Map.of("HTTP_PORT", "0")),
                LocalMode.SAMPLES);
        user = local.kube().newClient();
        KindRegistry kinds = KindRegistry.builtIn();

        assertThat(local.samplesApplied()).isEqualTo(7);
        List<GenericKubernetesResource> samples = kinds.all().stream()
                .flatMap(k -> user.genericKubernetesResources(k.context()).inAnyNamespace().list().getItems().stream())
                .toList();
        assertThat(samples.stream().map(GenericKubernetesResource::getKind).collect(Collectors.toSet()))
                .as("one sample of every kind").isEqualTo(kinds.all().stream().map(KindDescriptor::kind)
                        .collect(Collectors.toSet()));
        for (GenericKubernetesResource sample : samples) {
            awaitSucceeded(kinds, sample);
        }

        String view = new LiveView(local.operator(), System.out).render();
        for (GenericKubernetesResource sample : samples) {
            assertThat(view).as("the live view's row for " + sample.getMetadata().getName())
                    .containsPattern(Pattern.compile("(?m)^" + sample.getKind() + " +default/"
                            + sample.getMetadata().getName() + " +True +Succeeded"));
        }
        assertThat(view).containsPattern(Pattern.compile("ARM requests so far: writes [1-9]\\d* \\(budget \\S+\\), "
                + "reads \\d+ \\(budget \\S+\\), deletes 0 \\(budget \\S+\\); waiting for budget: 0"));
    }

    private void awaitSucceeded(KindRegistry kinds, GenericKubernetesResource sample) {
        KindDescriptor kind = kinds.all().stream().filter(k -> k.kind().equals(sample.getKind())).findFirst()
                .orElseThrow();
        String name = sample.getMetadata().getName();
        Optional<Condition>[] last = new Optional[] {Optional.empty()};
        OperatorHarness.awaitTrue(kind.kind() + " " + name + " Ready=True/Succeeded", () -> {
            GenericKubernetesResource r = user.genericKubernetesResources(kind.context()).inNamespace("default")
                    .withName(name).get();
            last[0] = Conditions.find(Resources.status(r).getJsonArray("conditions"), Condition.READY);
            return last[0].filter(c -> c.isTrue() && "Succeeded".equals(c.reason())).isPresent();
        }, () -> "last: " + last[0]);
    }
}
