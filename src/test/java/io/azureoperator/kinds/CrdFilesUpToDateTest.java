package io.azureoperator.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** k8s/crds/ is generated from the kind files; this fails when someone edits one side only. */
class CrdFilesUpToDateTest {
    private static final Path DIR = Path.of("k8s", "crds");

    @Test
    void everyKindHasItsGeneratedCrdAndNothingElseIsThere() throws IOException {
        KindRegistry kinds = KindRegistry.builtIn();
        for (KindDescriptor kind : kinds.all()) {
            Path file = DIR.resolve(CrdFactory.fileName(kind));
            assertThat(file).as("run: java -jar target/azure-operator.jar crds k8s/crds").exists();
            assertThat(Files.readString(file)).as(file + " is stale; regenerate it with the crds command")
                    .isEqualTo(CrdFactory.yaml(kind));
        }
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")))
                    .containsExactlyInAnyOrderElementsOf(kinds.all().stream().map(CrdFactory::fileName).toList());
        }
    }
}
