package io.azureoperator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** With LOG_FORMAT=json, src/main/resources/logback.xml writes one JSON object a line, with the resource as fields. */
class JsonLogsTest {

    @Test
    void jsonLinesCarryKindNamespaceAndNameOfTheResource() throws Exception {
        List<JsonObject> lines = logAsJson(log -> {
            log.info("{}: PUT {} (generation {})", "ResourceGroup default/rg-a",
                    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-a", 3);
            log.warn("{}: reconcile failed: {}", "VirtualNetworksSubnet team-a/subnet.1", "connection \"reset\"");
            log.info("operator started: 7 kinds");
        });
        assertThat(lines).hasSize(3);

        JsonObject put = lines.get(0);
        assertThat(put.fieldNames()).contains("timestamp", "level", "loggerName", "formattedMessage");
        assertThat(put.getString("level")).isEqualTo("INFO");
        assertThat(put.getString("formattedMessage")).startsWith("ResourceGroup default/rg-a: PUT ");
        assertThat(put.getString("kind")).isEqualTo("ResourceGroup");
        assertThat(put.getString("namespace")).isEqualTo("default");
        assertThat(put.getString("name")).isEqualTo("rg-a");

        JsonObject failed = lines.get(1);
        assertThat(failed.getString("level")).isEqualTo("WARN");
        assertThat(failed.getString("formattedMessage")).endsWith("connection \"reset\"");
        assertThat(failed.getString("kind")).isEqualTo("VirtualNetworksSubnet");
        assertThat(failed.getString("namespace")).isEqualTo("team-a");
        assertThat(failed.getString("name")).isEqualTo("subnet.1");

        JsonObject started = lines.get(2);
        assertThat(started.getString("formattedMessage")).isEqualTo("operator started: 7 kinds");
        assertThat(started.fieldNames()).doesNotContain("kind", "namespace", "name");
    }

    /** Configures a fresh logback context from the shipped logback.xml with LOG_FORMAT=json and parses its stderr. */
    private static List<JsonObject> logAsJson(java.util.function.Consumer<Logger> body) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // before the appender starts
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            context.putProperty("LOG_FORMAT", "json");
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
            body.accept(context.getLogger("io.azureoperator.reconcile.Reconciler"));
        } finally {
            context.stop();
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(JsonObject::new)
                .toList();
    }
}
