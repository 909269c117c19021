package io.azureoperator.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where --local finds its samples: k8s/samples in a checkout, else the copies the build packages. */
class SamplesTest {

    @Test
    void aSamplesDirectoryIsReadWhenItExists() throws IOException {
        Samples.Found found = Samples.find(LocalMode.SAMPLES);
        assertThat(found.source()).isEqualTo(LocalMode.SAMPLES.toAbsolutePath().normalize().toString());
        assertThat(found.yamls()).isEqualTo(checkedIn());
    }

    @Test
    void withoutTheDirectoryThePackagedCopiesOfTheSameSamplesAreUsed(@TempDir Path elsewhere) throws IOException {
        Samples.Found found = Samples.find(elsewhere.resolve("k8s").resolve("samples"));
        assertThat(found.source()).startsWith("the copies packaged in the jar");
        assertThat(found.yamls()).hasSize(7).isEqualTo(checkedIn());
    }

    @Test
    void anEmptyDirectoryGivesNoSamples(@TempDir Path empty) {
        assertThat(Samples.find(empty).yamls()).isEmpty();
    }

    private static List<String> checkedIn() throws IOException {
        try (Stream<Path> files = Files.list(LocalMode.SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(SamplesTest::read).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
