package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.azureoperator.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ResourceGroup end to end: mock Kubernetes API + ARM emulator over HTTP, one operator instance. */
@ExtendWith(VertxExtension.class)
class ResourceGroupLifecycleTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String rg(String name, String namespace, String extraSpec, String annotations) {
        return """
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {%s}
                spec:
                  location: westcentralus
                %s
                """.formatted(name, namespace, annotations, extraSpec);
    }

    @Test
    void createPutsOnceThenReadyAndSpecChangePutsAgain() {
        h.startOperator(Map.of());
        h.apply(rg("rg-a", "default", "  tags: {env: test}", ""));

        Condition ready = h.awaitSucceeded("ResourceGroup", "default", "rg-a", 1);
        assertThat(ready.lastTransitionTime()).isNotBlank();
        List<RecordedRequest> puts = h.requests("PUT", "/resourceGroups/rg-a");
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).path()).isEqualTo(rgId("rg-a"));
        assertThat(puts.get(0).apiVersion()).isEqualTo("2020-06-01");
        assertThat(puts.get(0).body()).isEqualTo(new JsonObject()
                .put("location", "westcentralus").put("tags", new JsonObject().put("env", "test")));
        assertThat(puts.get(0).header("Authorization")).isEqualTo("Bearer test-token");

        GenericKubernetesResource r = h.resource("ResourceGroup", "default", "rg-a").get();
        assertThat(r.getMetadata().getFinalizers()).contains(Annotations.FINALIZER);
        assertThat(r.getMetadata().getAnnotations()).containsEntry(Annotations.RESOURCE_ID, rgId("rg-a"));
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) r.getAdditionalProperties().get("status");
        assertThat(status).containsEntry("id", rgId("rg-a")).containsEntry("provisioningState", "Succeeded")
                .containsEntry("location", "westcentralus");

        h.resource("ResourceGroup", "default", "rg-a").edit(g -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) g.getAdditionalProperties().get("spec");
            spec.put("tags", Map.of("env", "prod"));
            return g;
        });
        h.awaitSucceeded("ResourceGroup", "default", "rg-a", 2);
        puts = h.requests("PUT", "/resourceGroups/rg-a");
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).body().getJsonObject("tags")).isEqualTo(new JsonObject().put("env", "prod"));
        assertThat(h.emulator.resource(rgId("rg-a")).orElseThrow().getJsonObject("tags").getString("env"))
                .isEqualTo("prod");
    }

    @Test
    void finalizerAndResourceIdArePersistedBeforeTheFirstPut() {
        h.emulator.hangNext("PUT", "/resourceGroups/rg-held$", Duration.ofSeconds(2), false, 1);
        h.startOperator(Map.of());
        h.apply(rg("rg-held", "default", "", ""));

        OperatorHarness.awaitTrue("the first PUT reached ARM", () -> !h.requests("PUT", "/resourceGroups/rg-held")
                .isEmpty(), () -> "requests: " + h.emulator.requests());
        GenericKubernetesResource whilePutOutstanding = h.resource("ResourceGroup", "default", "rg-held").get();
        assertThat(h.emulator.resource(rgId("rg-held"))).as("the PUT is still unanswered").isEmpty();
        assertThat(whilePutOutstanding.getMetadata().getFinalizers()).contains(Annotations.FINALIZER);
        assertThat(whilePutOutstanding.getMetadata().getAnnotations())
                .containsEntry(Annotations.RESOURCE_ID, rgId("rg-held"));

        h.awaitSucceeded("ResourceGroup", "default", "rg-held", 1);
        assertThat(h.emulator.resource(rgId("rg-held"))).isPresent();
    }

    @Test
    void deleteUnderManageDeletesInAzureThenReleasesTheResource() {
        h.startOperator(Map.of());
        h.apply(rg("rg-del", "default", "", ""));
        h.awaitSucceeded("ResourceGroup", "default", "rg-del", 1);

        h.resource("ResourceGroup", "default", "rg-del").delete();
        h.awaitGone("ResourceGroup", "default", "rg-del");
        assertThat(h.requests("DELETE", "/resourceGroups/rg-del")).hasSize(1);
        assertThat(h.emulator.resource(rgId("rg-del"))).isEmpty();
    }

    @Test
    void detachOnDeleteLeavesAzureAlone() {
        h.startOperator(Map.of());
        h.apply(rg("rg-detach", "default", "", Annotations.RECONCILE_POLICY + ": detach-on-delete"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-detach", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-detach")).hasSize(1);

        h.resource("ResourceGroup", "default", "rg-detach").delete();
        h.awaitGone("ResourceGroup", "default", "rg-detach");
        assertThat(h.requests("DELETE", "/resourceGroups/rg-detach")).isEmpty();
        assertThat(h.emulator.resource(rgId("rg-detach"))).isPresent();
    }

    @Test
    void skipNeverWritesMirrorsStatusAndLeavesAzureAloneOnDelete() {
        h.emulator.seed(rgId("rg-existing"), new JsonObject().put("location", "westeurope")
                .put("tags", new JsonObject().put("owner", "someone-else")));
        h.startOperator(Map.of());
        h.apply(rg("rg-existing", "default", "", Annotations.RECONCILE_POLICY + ": skip"));
        h.apply(rg("rg-missing", "default", "", Annotations.RECONCILE_POLICY + ": skip"));

        h.awaitSucceeded("ResourceGroup", "default", "rg-existing", 1);
        GenericKubernetesResource r = h.resource("ResourceGroup", "default", "rg-existing").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) r.getAdditionalProperties().get("status");
        assertThat(status).containsEntry("location", "westeurope").containsEntry("id", rgId("rg-existing"));

        Condition missing = h.awaitReady("ResourceGroup", "default", "rg-missing",
                c -> "AzureResourceNotFound".equals(c.reason()));
        assertThat(missing.status()).isEqualTo("False");
        assertThat(missing.severity()).isEqualTo(Condition.Severity.Warning);

        h.resource("ResourceGroup", "default", "rg-existing").delete();
        h.awaitGone("ResourceGroup", "default", "rg-existing");
        assertThat(h.requests("PUT", "/resourceGroups/rg-existing")).isEmpty();
        assertThat(h.requests("PUT", "/resourceGroups/rg-missing")).isEmpty();
        assertThat(h.requests("DELETE", "/resourceGroups/rg-existing")).isEmpty();
        assertThat(h.emulator.resource(rgId("rg-existing"))).isPresent();
    }

    @Test
    void namespaceAnnotationSetsTheDefaultAndChangesTakeEffectAtOnce() {
        h.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-skip")
                .addToAnnotations(Annotations.RECONCILE_POLICY, "skip").endMetadata().build()).create();
        h.startOperator(Map.of());
        h.apply(rg("rg-ns", "team-skip", "", ""));
        h.awaitReady("ResourceGroup", "team-skip", "rg-ns", c -> "AzureResourceNotFound".equals(c.reason()));
        assertThat(h.requests("PUT", "/resourceGroups/rg-ns")).isEmpty();

        h.user.namespaces().withName("team-skip").edit(ns -> {
            ns.getMetadata().getAnnotations().put(Annotations.RECONCILE_POLICY, "manage");
            return ns;
        });
        h.awaitSucceeded("ResourceGroup", "team-skip", "rg-ns", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-ns")).hasSize(1);
    }

    @Test
    void switchingTheResourceFromSkipToManageCorrectsAzureAtOnce() {
        h.emulator.seed(rgId("rg-adopt"), new JsonObject().put("location", "westcentralus")
                .put("tags", new JsonObject().put("owner", "someone-else")));
        h.startOperator(Map.of());
        h.apply(rg("rg-adopt", "default", "  tags: {env: test}", Annotations.RECONCILE_POLICY + ": skip"));
        h.awaitSucceeded("ResourceGroup", "default", "rg-adopt", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-adopt")).isEmpty();

        setPolicy("rg-adopt", "manage");
        awaitOnePutWithTheSpecTags("default", "rg-adopt");
    }

    @Test
    void switchingTheNamespaceFromSkipToManageCorrectsAzureAtOnce() {
        h.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-adopt")
                .addToAnnotations(Annotations.RECONCILE_POLICY, "skip").endMetadata().build()).create();
        h.emulator.seed(rgId("rg-ns-adopt"), new JsonObject().put("location", "westcentralus")
                .put("tags", new JsonObject().put("owner", "someone-else")));
        h.startOperator(Map.of());
        h.apply(rg("rg-ns-adopt", "team-adopt", "  tags: {env: test}", ""));
        h.awaitSucceeded("ResourceGroup", "team-adopt", "rg-ns-adopt", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-ns-adopt")).isEmpty();

        h.user.namespaces().withName("team-adopt").edit(ns -> {
            ns.getMetadata().getAnnotations().put(Annotations.RECONCILE_POLICY, "manage");
            return ns;
        });
        awaitOnePutWithTheSpecTags("team-adopt", "rg-ns-adopt");
    }

    @Test
    void managedThenSkippedThenManagedAgainCorrectsWhatDriftedMeanwhile() {
        h.startOperator(Map.of());
        h.apply(rg("rg-cycle", "default", "  tags: {env: test}", ""));
        h.awaitSucceeded("ResourceGroup", "default", "rg-cycle", 1);
        setPolicy("rg-cycle", "skip");
        OperatorHarness.awaitTrue("the finalizer released under skip", () -> !h.resource("ResourceGroup", "default",
                "rg-cycle").get().getMetadata().getFinalizers().contains(Annotations.FINALIZER), () -> "");
        // someone changes the group in Azure while the operator only reads it
        h.emulator.seed(rgId("rg-cycle"), new JsonObject().put("location", "westcentralus")
                .put("tags", new JsonObject().put("owner", "someone-else")));
        h.emulator.clearRequests();

        setPolicy("rg-cycle", "manage");
        awaitOnePutWithTheSpecTags("default", "rg-cycle");
    }

    /** A user's edit carries its resourceVersion: while the operator writes the resource it may get a 409; retry. */
    private void setPolicy(String name, String policy) {
        for (int attempt = 0; ; attempt++) {
            try {
                h.resource("ResourceGroup", "default", name).edit(g -> {
                    g.getMetadata().getAnnotations().put(Annotations.RECONCILE_POLICY, policy);
                    return g;
                });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /** Ready=True was mirrored under skip; once managed, the drifted tags are PUT once, without waiting a sync. */
    private void awaitOnePutWithTheSpecTags(String namespace, String name) {
        OperatorHarness.awaitTrue("a PUT of " + name, () -> !h.requests("PUT", "/resourceGroups/" + name).isEmpty(),
                () -> "requests: " + h.emulator.requests());
        h.awaitSucceeded("ResourceGroup", namespace, name, 1);
        assertThat(h.resource("ResourceGroup", namespace, name).get().getMetadata().getFinalizers())
                .contains(Annotations.FINALIZER);
        List<RecordedRequest> puts = h.requests("PUT", "/resourceGroups/" + name);
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).body().getJsonObject("tags")).isEqualTo(new JsonObject().put("env", "test"));
        assertThat(h.emulator.resource(rgId(name)).orElseThrow().getJsonObject("tags"))
                .isEqualTo(new JsonObject().put("env", "test"));
    }

    @Test
    void azureNameDiffersFromMetadataName() {
        h.startOperator(Map.of());
        h.apply(rg("k8s-name", "default", "  azureName: Azure-Name_1", ""));
        h.awaitSucceeded("ResourceGroup", "default", "k8s-name", 1);
        assertThat(h.requests("PUT", "/resourceGroups/Azure-Name_1")).hasSize(1);
        assertThat(h.requests("PUT", "/resourceGroups/k8s-name")).isEmpty();
        assertThat(h.resource("ResourceGroup", "default", "k8s-name").get().getMetadata().getAnnotations())
                .containsEntry(Annotations.RESOURCE_ID, rgId("Azure-Name_1"));
    }

    @Test
    void fatalArmErrorIsShownAndNotRetriedUntilTheSpecChanges() throws InterruptedException {
        h.emulator.failNext("PUT", ".*/resourceGroups/rg-bad$", 400, "InvalidParameter",
                "The value of parameter location is invalid.", 1);
        h.startOperator(Map.of());
        h.apply(rg("rg-bad", "default", "", ""));

        Condition failed = h.awaitReady("ResourceGroup", "default", "rg-bad",
                c -> "InvalidParameter".equals(c.reason()));
        assertThat(failed.status()).isEqualTo("False");
        assertThat(failed.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(failed.message()).contains("The value of parameter location is invalid.");
        assertThat(failed.observedGeneration()).isEqualTo(1);

        Thread.sleep(1500); // well past several retry delays (base 200ms): a retry storm would show here
        assertThat(h.requests("PUT", "/resourceGroups/rg-bad")).hasSize(1);

        h.resource("ResourceGroup", "default", "rg-bad").edit(g -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) g.getAdditionalProperties().get("spec");
            spec.put("tags", Map.of("fixed", "yes"));
            return g;
        });
        h.awaitSucceeded("ResourceGroup", "default", "rg-bad", 2);
        assertThat(h.requests("PUT", "/resourceGroups/rg-bad")).hasSize(2);
    }

    @Test
    void retryableArmErrorBacksOffAndConverges() {
        h.emulator.failNext("PUT", ".*/resourceGroups/rg-flaky$", 503, "ServiceUnavailable", "try later", 2);
        h.startOperator(Map.of());
        h.apply(rg("rg-flaky", "default", "", ""));
        h.awaitSucceeded("ResourceGroup", "default", "rg-flaky", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-flaky")).hasSize(3);
    }

    @Test
    void secondInstanceStartedMidOperationPollsAndSendsNoSecondPut() {
        h.emulator.seed(rgId("rg-net"), new JsonObject().put("location", "westcentralus"));
        h.emulator.holdOperations(true);
        Operator first = h.startOperator(Map.of());
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata: {name: nsg1, namespace: default}
                spec:
                  location: westcentralus
                  owner: {armId: %s}
                """.formatted(rgId("rg-net")));
        OperatorHarness.awaitTrue("poller-resume-token written", () -> {
            GenericKubernetesResource r = h.resource("NetworkSecurityGroup", "default", "nsg1").get();
            return r.getMetadata().getAnnotations() != null
                    && r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN);
        }, () -> "annotations: " + h.resource("NetworkSecurityGroup", "default", "nsg1").get().getMetadata()
                .getAnnotations());
        h.stopOperator(first);
        assertThat(h.requests("PUT", "/networkSecurityGroups/nsg1")).hasSize(1);

        h.startOperator(Map.of());
        h.emulator.holdOperations(false);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "nsg1", 1);
        assertThat(h.requests("PUT", "/networkSecurityGroups/nsg1")).hasSize(1);
        h.awaitNoOperationInFlight("NetworkSecurityGroup", "default", "nsg1");
    }

    /** An Error from a bad annotation goes once the annotation is fixed: no spec change is needed. */
    @Test
    void aFixedPolicyAnnotationRecoversWithoutASpecChange() {
        h.startOperator(Map.of());
        h.apply(rg("rg-typo", "default", "", Annotations.RECONCILE_POLICY + ": mange"));
        Condition failed = h.awaitReady("ResourceGroup", "default", "rg-typo", c -> "Failed".equals(c.reason()));
        assertThat(failed.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(h.requests("PUT", "/resourceGroups/rg-typo")).isEmpty();

        setPolicy("rg-typo", "manage");
        h.awaitSucceeded("ResourceGroup", "default", "rg-typo", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-typo")).hasSize(1);
    }

    /** A token whose operation ARM no longer knows, for a resource Azure does not have: the spec is sent again. */
    @Test
    void aTokenForAnOperationThatLeftNoResourceIsDroppedAndTheSpecSent() {
        h.startOperator(Map.of());
        String gone = h.emulator.baseUrl() + "/subscriptions/" + OperatorHarness.SUBSCRIPTION
                + "/providers/Microsoft.Resources/operationResults/gone?api-version=2020-06-01";
        h.apply(rg("rg-lost-op", "default", "", Annotations.POLLER_RESUME_TOKEN + ": \"" + gone + "\""));

        h.awaitSucceeded("ResourceGroup", "default", "rg-lost-op", 1);
        assertThat(h.requests("PUT", "/resourceGroups/rg-lost-op")).hasSize(1);
        h.awaitNoOperationInFlight("ResourceGroup", "default", "rg-lost-op");
        assertThat(h.emulator.resource(rgId("rg-lost-op"))).isPresent();
    }

    @Test
    void secondInstanceStartedMidDeleteFinishesItWithoutASecondDelete() {
        Operator first = h.startOperator(Map.of());
        h.apply(rg("rg-slow-delete", "default", "", ""));
        h.awaitSucceeded("ResourceGroup", "default", "rg-slow-delete", 1);

        h.emulator.holdOperations(true);
        h.resource("ResourceGroup", "default", "rg-slow-delete").delete();
        OperatorHarness.awaitTrue("poller-resume-token written for the delete", () -> {
            GenericKubernetesResource r = h.resource("ResourceGroup", "default", "rg-slow-delete").get();
            return r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN);
        }, () -> "no token");
        h.stopOperator(first);
        assertThat(h.requests("DELETE", "/resourceGroups/rg-slow-delete")).hasSize(1);

        h.startOperator(Map.of());
        h.emulator.holdOperations(false);
        h.awaitGone("ResourceGroup", "default", "rg-slow-delete");
        assertThat(h.requests("DELETE", "/resourceGroups/rg-slow-delete")).hasSize(1);
        assertThat(h.emulator.resource(rgId("rg-slow-delete"))).isEmpty();
    }
}
