package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.arm.AzureIdentityTokenSource;
import io.azureoperator.arm.CredentialSettings;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credential precedence (SPEC §4) with real azure-identity ClientSecretCredentials against a fake Entra token
 * endpoint, and two subscriptions in the emulator that each accept only their own token.
 */
@ExtendWith(VertxExtension.class)
class CredentialPrecedenceTest {
    private static final String TENANT = "11111111-1111-1111-1111-111111111111";
    private static final String SUB_GLOBAL = OperatorHarness.SUBSCRIPTION;
    private static final String SUB_TEAM = "22222222-2222-2222-2222-222222222222";
    private static final String SUB_OTHER = "33333333-3333-3333-3333-333333333333";

    private OperatorHarness h;
    private final FakeEntra entra = new FakeEntra();
    private String authority;
    private OperatorConfig config;
    private TokenSource tokens;
    private Operator operator;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        entra.client("global-client", "global-secret");
        entra.client("team-client", "team-secret");
        entra.client("other-client", "other-secret");
        authority = OperatorHarness.await(entra.start(vertx));
        h.emulator.requireToken(SUB_GLOBAL, FakeEntra.tokenFor("global-client"));
        h.emulator.requireToken(SUB_TEAM, FakeEntra.tokenFor("team-client"));
        h.emulator.requireToken(SUB_OTHER, FakeEntra.tokenFor("other-client"));
        for (String ns : List.of("team", "other", "plain")) {
            h.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create();
        }
        secret("team", "aso-credential", SUB_TEAM, "team-client", "team-secret");
        secret("team", "special", SUB_OTHER, "other-client", "other-secret");
        secret("other", "shared", SUB_OTHER, "other-client", "other-secret");

        config = h.config(Map.of("AZURE_AUTHORITY_HOST", authority));
        tokens = AzureIdentityTokenSource.create(vertx, new CredentialSettings(SUB_GLOBAL, TENANT, "global-client",
                "global-secret", authority, null), vertx.createSharedWorkerExecutor("azure-identity", 2));
        operator = h.startOperator(config, tokens);
    }

    @AfterEach
    void stop() {
        h.close();
        OperatorHarness.await(entra.stop());
    }

    private void secret(String ns, String name, String sub, String client, String clientSecret) {
        h.user.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData("AZURE_SUBSCRIPTION_ID", sub).addToStringData("AZURE_TENANT_ID", TENANT)
                .addToStringData("AZURE_CLIENT_ID", client).addToStringData("AZURE_CLIENT_SECRET", clientSecret)
                .build()).create();
    }

    private void rg(String ns, String name, String annotations) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {%s}
                spec: {location: westcentralus}
                """.formatted(name, ns, annotations));
    }

    private RecordedRequest onlyPut(String rg) {
        List<RecordedRequest> puts = h.requests("PUT", "/resourceGroups/" + rg);
        assertThat(puts).hasSize(1);
        return puts.get(0);
    }

    @Test
    void eachResourceUsesItsOwnCredentialAndSubscription() {
        rg("plain", "rg-global", "");
        rg("team", "rg-team", "");
        rg("team", "rg-special", Annotations.CREDENTIAL_FROM + ": special");
        h.awaitSucceeded("ResourceGroup", "plain", "rg-global", 1);
        h.awaitSucceeded("ResourceGroup", "team", "rg-team", 1);
        h.awaitSucceeded("ResourceGroup", "team", "rg-special", 1);

        assertThat(onlyPut("rg-global").path()).startsWith("/subscriptions/" + SUB_GLOBAL + "/");
        assertThat(onlyPut("rg-global").header("Authorization")).isEqualTo("Bearer " + FakeEntra.tokenFor("global-client"));
        assertThat(onlyPut("rg-team").path()).startsWith("/subscriptions/" + SUB_TEAM + "/");
        assertThat(onlyPut("rg-team").header("Authorization")).isEqualTo("Bearer " + FakeEntra.tokenFor("team-client"));
        assertThat(onlyPut("rg-special").path()).startsWith("/subscriptions/" + SUB_OTHER + "/");
        assertThat(onlyPut("rg-special").header("Authorization"))
                .isEqualTo("Bearer " + FakeEntra.tokenFor("other-client"));
    }

    /** Deleting a resource whose deletion leaves Azure alone needs no credential: its Secret may already be gone. */
    @Test
    void aDetachedDeleteFinishesWithoutItsCredential() {
        rg("team", "rg-detach", Annotations.CREDENTIAL_FROM + ": special, " + Annotations.RECONCILE_POLICY
                + ": detach-on-delete");
        h.awaitSucceeded("ResourceGroup", "team", "rg-detach", 1);
        OperatorHarness.await(operator.stop()); // the next instance has no credential cached
        h.user.secrets().inNamespace("team").withName("special").delete();
        h.resource("ResourceGroup", "team", "rg-detach").delete();
        operator = h.startOperator(config, tokens);

        h.awaitGone("ResourceGroup", "team", "rg-detach");
        assertThat(h.requests("DELETE", "/resourceGroups/rg-detach")).isEmpty();
    }

    @Test
    void aCredentialFromAnotherNamespaceIsRefusedAndAMissingOneIsReported() {
        rg("plain", "rg-steal", Annotations.CREDENTIAL_FROM + ": other/shared");
        rg("plain", "rg-missing", Annotations.CREDENTIAL_FROM + ": nope");
        Condition steal = h.awaitReady("ResourceGroup", "plain", "rg-steal", c -> !c.isTrue() && c.message() != null
                && c.message().contains("namespace"));
        assertThat(steal.severity()).isEqualTo(Condition.Severity.Error);
        Condition missing = h.awaitReady("ResourceGroup", "plain", "rg-missing",
                c -> "SecretNotFound".equals(c.reason()));
        assertThat(missing.message()).contains("plain/nope");
        assertThat(h.requests("PUT", "/resourceGroups/rg-steal")).isEmpty();
        assertThat(h.requests("PUT", "/resourceGroups/rg-missing")).isEmpty();
        assertThat(h.emulator.requests()).noneMatch(r -> r.path().startsWith("/subscriptions/" + SUB_OTHER));
    }

    @Test
    void aSubscriptionIdThatIsNotAGuidIsAnErrorNamingTheSecretAndTheKey() {
        secret("plain", "typo", "team-subscription", "team-client", "team-secret");
        rg("plain", "rg-typo", Annotations.CREDENTIAL_FROM + ": typo");
        Condition typo = h.awaitReady("ResourceGroup", "plain", "rg-typo", c -> "Failed".equals(c.reason()));
        assertThat(typo.isTrue()).isFalse();
        assertThat(typo.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(typo.message()).contains("plain/typo", "AZURE_SUBSCRIPTION_ID", "'team-subscription'");
        assertThat(h.requests("PUT", "/resourceGroups/rg-typo")).isEmpty();
        assertThat(h.user.configMaps().inAnyNamespace().list().getItems())
                .noneMatch(m -> m.getMetadata().getName().contains("team-subscription"));
    }
}
