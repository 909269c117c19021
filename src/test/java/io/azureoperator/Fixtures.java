package io.azureoperator;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real ARM bodies under src/test/resources/arm-fixtures/ (sources listed in its README.md). */
public final class Fixtures {
    private Fixtures() {
    }

    public static JsonObject json(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("arm-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
