package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.credentials.CredentialResolver;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.local.MockKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential Secret asking for workload identity gets its ARM token from Entra with the pod's federated token
 * (client assertion grant), read from the token file the workload identity webhook mounts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class WorkloadIdentityTest {
    private static final String SUB = "44444444-4444-4444-4444-444444444444";

    @TempDir
    Path dir;

    @Test
    void theTokenComesFromTheFederatedTokenFileByClientAssertion(Vertx vertx) throws Exception {
        FakeEntra entra = new FakeEntra();
        entra.client("wi-client", "not-used-here");
        entra.federated("wi-client", "federated-token-from-kubelet");
        String authority = OperatorHarness.await(entra.start(vertx));
        Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), "federated-token-from-kubelet");
        try (MockKubernetes kube = MockKubernetes.start(new KindRegistry(List.of()))) {
            kube.client().secrets().inNamespace("team").resource(new SecretBuilder().withNewMetadata()
                    .withName("wi").endMetadata()
                    .addToStringData("AZURE_SUBSCRIPTION_ID", SUB).addToStringData("AZURE_TENANT_ID", "tenant")
                    .addToStringData("AZURE_CLIENT_ID", "wi-client").addToStringData("AUTH_MODE", "workloadidentity")
                    .build()).create();
            CredentialResolver resolver = new CredentialResolver(kube.client(),
                    vertx.createSharedWorkerExecutor("kube-io-wi", 1), vertx,
                    vertx.createSharedWorkerExecutor("azure-identity-wi", 1), null, authority,
                    "https://management.azure.com/", Clock.systemUTC(), tokenFile);
            GenericKubernetesResource rg = new GenericKubernetesResourceBuilder().withApiVersion(
                    "resources.azure.com/v1api20200601").withKind("ResourceGroup").withNewMetadata().withName("rg")
                    .withNamespace("team").withAnnotations(Map.of(Annotations.CREDENTIAL_FROM, "wi")).endMetadata()
                    .build();

            CredentialResolver.Resolution resolved = OperatorHarness.await(resolver.resolve(rg));
            assertThat(resolved.ok()).as(resolved.reason() + ": " + resolved.message()).isTrue();
            assertThat(resolved.credential().subscriptionId()).isEqualTo(SUB);
            assertThat(OperatorHarness.await(resolved.credential().tokens().token()))
                    .isEqualTo(FakeEntra.tokenFor("wi-client"));
        } finally {
            OperatorHarness.await(entra.stop());
        }
    }
}
