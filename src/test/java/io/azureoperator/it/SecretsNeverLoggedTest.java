package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.azureoperator.arm.AzureIdentityTokenSource;
import io.azureoperator.arm.CredentialSettings;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Client secrets, bearer tokens and storage keys never appear in logs (at DEBUG), events or conditions,
 * while credentials and exports are in use.
 */
@ExtendWith(VertxExtension.class)
class SecretsNeverLoggedTest {
    private static final String TENANT = "11111111-1111-1111-1111-111111111111";
    private static final String GLOBAL_SECRET = "global-secret-Zq8vN3";
    private static final String TEAM_SECRET = "team-secret-Yp2mK7";
    private static final String TEAM_SUB = "22222222-2222-2222-2222-222222222222";

    private OperatorHarness h;
    private final FakeEntra entra = new FakeEntra();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void start(Vertx vertx) {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("io.azureoperator")).setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);

        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        entra.client("global-client", GLOBAL_SECRET);
        entra.client("team-client", TEAM_SECRET);
        String authority = OperatorHarness.await(entra.start(vertx));
        h.emulator.requireToken(OperatorHarness.SUBSCRIPTION, FakeEntra.tokenFor("global-client"));
        h.emulator.requireToken(TEAM_SUB, FakeEntra.tokenFor("team-client"));
        h.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build())
                .create();
        h.user.secrets().inNamespace("team").resource(new SecretBuilder().withNewMetadata().withName("aso-credential")
                .endMetadata().addToStringData("AZURE_SUBSCRIPTION_ID", TEAM_SUB)
                .addToStringData("AZURE_TENANT_ID", TENANT).addToStringData("AZURE_CLIENT_ID", "team-client")
                .addToStringData("AZURE_CLIENT_SECRET", TEAM_SECRET).build()).create();
        var tokens = AzureIdentityTokenSource.create(vertx, new CredentialSettings(OperatorHarness.SUBSCRIPTION,
                TENANT, "global-client", GLOBAL_SECRET, authority, null), vertx.createSharedWorkerExecutor("azure-identity", 2));
        h.startOperator(h.config(Map.of("AZURE_AUTHORITY_HOST", authority, "AZURE_CLIENT_SECRET", GLOBAL_SECRET,
                "AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", "global-client")), tokens);
    }

    @AfterEach
    void stop() {
        h.close();
        OperatorHarness.await(entra.stop());
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("io.azureoperator")).setLevel(Level.INFO);
    }

    @Test
    void noSecretTokenOrKeyAppearsAnywhereAPersonReads() {
        for (String ns : List.of("default", "team")) {
            h.apply("""
                    apiVersion: resources.azure.com/v1api20200601
                    kind: ResourceGroup
                    metadata: {name: rg-%1$s, namespace: %1$s}
                    spec: {location: westcentralus}
                    ---
                    apiVersion: storage.azure.com/v1api20230101
                    kind: StorageAccount
                    metadata: {name: store%1$s, namespace: %1$s}
                    spec:
                      location: westcentralus
                      owner: {name: rg-%1$s}
                      kind: StorageV2
                      sku: {name: Standard_LRS}
                      operatorSpec:
                        secrets:
                          key1: {name: keys, key: key1}
                          key2: {name: keys, key: key2}
                    """.formatted(ns));
        }
        List<String> secrets = new ArrayList<>(List.of(GLOBAL_SECRET, TEAM_SECRET,
                FakeEntra.tokenFor("global-client"), FakeEntra.tokenFor("team-client")));
        for (String ns : List.of("default", "team")) {
            h.awaitSucceeded("StorageAccount", ns, "store" + ns, 1);
            OperatorHarness.awaitTrue("keys exported", () -> h.user.secrets().inNamespace(ns).withName("keys").get()
                    != null, () -> "no secret");
            h.user.secrets().inNamespace(ns).withName("keys").get().getData().values()
                    .forEach(v -> secrets.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        assertThat(secrets).hasSize(8).allMatch(s -> s.length() >= 10);

        List<String> readable = new ArrayList<>();
        // the mock Kubernetes API server is test scaffolding (it logs whole objects it stores); everything else counts
        logs.list.stream().filter(e -> !e.getLoggerName().startsWith("io.fabric8.kubernetes.client.server.mock")
                && !e.getLoggerName().startsWith("io.fabric8.mockwebserver")).forEach(e -> {
            readable.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                readable.add(e.getThrowableProxy().getMessage());
            }
        });
        h.user.v1().events().inAnyNamespace().list().getItems().forEach(e -> readable.add(e.getMessage()));
        for (String ns : List.of("default", "team")) {
            readable.add(String.valueOf(h.resource("StorageAccount", ns, "store" + ns).get().getAdditionalProperties()));
        }
        assertThat(logs.list).as("the scan saw the operator's logs").hasSizeGreaterThan(20);
        for (String line : readable) {
            for (String secret : secrets) {
                assertThat(line).as("a log line, event or status").doesNotContain(secret);
            }
        }
    }
}
