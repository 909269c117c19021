package io.azureoperator.it;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Kind files that exist only for tests. */
final class TestKinds {
    private TestKinds() {
    }

    static KindDescriptor load(String resource) {
        try (InputStream in = TestKinds.class.getClassLoader().getResourceAsStream(resource)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return KindRegistry.parseKind(resource, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
