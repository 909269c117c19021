package io.azureoperator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.arm.MutableClock;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.local.MockKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CredentialResolverTest {
    private static final String SUB_NS = "00000000-0000-0000-0000-00000000000a";
    private static final String SUB_MINE = "00000000-0000-0000-0000-00000000000b";
    private static final String SUB_1 = "00000000-0000-0000-0000-000000000001";
    private static final String SUB_2 = "00000000-0000-0000-0000-000000000002";
    private MockKubernetes kube;
    private CredentialResolver resolver;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Credential global = new Credential("global", "00000000-0000-0000-0000-0000000000aa", TokenSource.fixed("g"));

    @BeforeEach
    void start(Vertx vertx) {
        kube = MockKubernetes.start(new KindRegistry(java.util.List.of()));
        resolver = new CredentialResolver(kube.client(), vertx.createSharedWorkerExecutor("kube-io-test", 1), vertx,
                vertx.createSharedWorkerExecutor("azure-identity", 1), global,
                "https://login.microsoftonline.com/", "https://management.azure.com/", clock);
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private static GenericKubernetesResource resource(String ns, Map<String, String> annotations) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withName("r").withNamespace(ns)
                .withAnnotations(annotations).endMetadata().build();
    }

    private void secret(String ns, String name, String subscription) {
        kube.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().addToStringData("AZURE_SUBSCRIPTION_ID", subscription)
                .addToStringData("AZURE_TENANT_ID", "t").addToStringData("AZURE_CLIENT_ID", "c")
                .addToStringData("AZURE_CLIENT_SECRET", "s").build()).createOr(op -> op.update());
    }

    private CredentialResolver.Resolution resolve(GenericKubernetesResource r) {
        return resolver.resolve(r).toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void precedenceIsAnnotationThenNamespaceSecretThenGlobal() {
        assertThat(resolve(resource("a", Map.of())).credential()).isSameAs(global);
        secret("a", CredentialResolver.NAMESPACE_SECRET, SUB_NS);
        secret("a", "mine", SUB_MINE);
        clock.advance(Duration.ofSeconds(16));
        assertThat(resolve(resource("a", Map.of())).credential().subscriptionId()).isEqualTo(SUB_NS);
        assertThat(resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "mine"))).credential().subscriptionId())
                .isEqualTo(SUB_MINE);
        assertThat(resolve(resource("b", Map.of())).credential()).as("namespace b has no secret").isSameAs(global);
    }

    @Test
    void aChangedSecretIsPickedUpWithoutARestart() {
        secret("a", "mine", SUB_1);
        var first = resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "mine"))).credential();
        assertThat(first.subscriptionId()).isEqualTo(SUB_1);
        secret("a", "mine", SUB_2);
        assertThat(resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "mine"))).credential())
                .as("within the refresh interval the cached credential is used").isSameAs(first);
        clock.advance(Duration.ofSeconds(16));
        assertThat(resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "mine"))).credential().subscriptionId())
                .isEqualTo(SUB_2);
    }

    @Test
    void crossNamespaceMissingAndIncompleteSecretsAreExplained() {
        var cross = resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "b/theirs")));
        assertThat(cross.ok()).isFalse();
        assertThat(cross.reason()).isEqualTo("Failed");
        var missing = resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "nope")));
        assertThat(missing.reason()).isEqualTo("SecretNotFound");
        kube.client().secrets().inNamespace("a").resource(new SecretBuilder().withNewMetadata().withName("half")
                .endMetadata().addToStringData("AZURE_SUBSCRIPTION_ID", SUB_1).build()).create();
        var half = resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "half")));
        assertThat(half.reason()).isEqualTo("Failed");
        assertThat(half.message()).contains("AZURE_CLIENT_ID").doesNotContain("AZURE_CLIENT_SECRET=");
    }

    @Test
    void aSubscriptionIdThatIsNotAGuidIsRefusedNamingTheSecretAndTheKey() {
        secret("a", "typo", "my-subscription/../x");
        var typo = resolve(resource("a", Map.of(Annotations.CREDENTIAL_FROM, "typo")));
        assertThat(typo.ok()).isFalse();
        assertThat(typo.reason()).isEqualTo("Failed");
        assertThat(typo.message()).contains("a/typo", "AZURE_SUBSCRIPTION_ID", "GUID", "'my-subscription/../x'");
        secret("a", CredentialResolver.NAMESPACE_SECRET, " " + SUB_NS + " ");
        assertThat(resolve(resource("a", Map.of())).credential().subscriptionId()).as("trimmed").isEqualTo(SUB_NS);
    }
}
