package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A start (or restart) on resources in a Namespace whose reconcile-policy is skip: the first run of each
 * resource already knows the Namespace's policy, even when the Namespace list comes late.
 */
@ExtendWith(VertxExtension.class)
class NamespacePolicyStartTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aLateNamespaceListNeverLetsARunActUnderTheDefaultPolicy() {
        h.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("adopted")
                .addToAnnotations(Annotations.RECONCILE_POLICY, "skip").endMetadata().build()).create();
        h.emulator.seed(rgId("rg-adopted"), new JsonObject().put("location", "westeurope")
                .put("tags", new JsonObject().put("owner", "someone-else")));
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-adopted, namespace: adopted}
                spec:
                  location: westeurope
                  tags: {env: test}
                """);
        h.apiServer().failNext("GET", "^/api/v1/namespaces$", 500, 2);

        h.startOperator(Map.of());

        h.awaitSucceeded("ResourceGroup", "adopted", "rg-adopted", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-adopted")).isEmpty();
        assertThat(h.emulator.resource(rgId("rg-adopted")).orElseThrow().getJsonObject("tags").getString("owner"))
                .isEqualTo("someone-else");
        assertThat(h.resource("ResourceGroup", "adopted", "rg-adopted").get().getMetadata().getFinalizers())
                .isNullOrEmpty();
    }
}
