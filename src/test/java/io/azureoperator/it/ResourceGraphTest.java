package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Owners, references and exports across the seven kinds, end to end, on the in-memory API server (real write
 * semantics and ownerReference garbage collection).
 */
@ExtendWith(VertxExtension.class)
class ResourceGraphTest {
    private static final String RG = """
            apiVersion: resources.azure.com/v1api20200601
            kind: ResourceGroup
            metadata: {name: aso-sample-rg, namespace: default}
            spec: {location: westcentralus}
            """;
    private static final String VNET = """
            apiVersion: network.azure.com/v1api20201101
            kind: VirtualNetwork
            metadata: {name: samplevnet, namespace: default}
            spec:
              location: westcentralus
              owner: {name: aso-sample-rg}
              addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
            """;
    private static final String SUBNET = """
            apiVersion: network.azure.com/v1api20201101
            kind: VirtualNetworksSubnet
            metadata: {name: samplesubnet, namespace: default}
            spec:
              owner: {name: samplevnet}
              addressPrefix: 10.0.0.0/24
              networkSecurityGroup: {reference: {group: network.azure.com, kind: NetworkSecurityGroup, name: samplensg}}
            """;
    private static final String NSG = """
            apiVersion: network.azure.com/v1api20201101
            kind: NetworkSecurityGroup
            metadata: {name: samplensg, namespace: default}
            spec:
              location: westcentralus
              owner: {name: aso-sample-rg}
            """;
    private static final String STORAGE = """
            apiVersion: storage.azure.com/v1api20230101
            kind: StorageAccount
            metadata: {name: samplestorage, namespace: default}
            spec:
              location: westcentralus
              owner: {name: aso-sample-rg}
              kind: StorageV2
              sku: {name: Standard_LRS}
              accessTier: Hot
              operatorSpec:
                secrets:
                  key1: {name: samplestorage-keys, key: key1}
                  blobEndpoint: {name: samplestorage-keys, key: blobEndpoint}
            """;
    private static final String IDENTITY = """
            apiVersion: managedidentity.azure.com/v1api20230131
            kind: UserAssignedIdentity
            metadata: {name: sampleidentity, namespace: default}
            spec:
              location: westcentralus
              owner: {name: aso-sample-rg}
              operatorSpec:
                configMaps:
                  principalId: {name: sampleidentity-cm, key: principalId}
                  clientId: {name: sampleidentity-cm, key: clientId}
                  tenantId: {name: sampleidentity-cm, key: tenantId}
            """;

    private static final String PUBLIC_IP = """
            apiVersion: network.azure.com/v1api20201101
            kind: PublicIPAddress
            metadata: {name: samplepublicip, namespace: default}
            spec:
              location: westcentralus
              owner: {name: aso-sample-rg}
              sku: {name: Standard}
              publicIPAllocationMethod: Static
            """;

    private OperatorHarness h;
    private Operator operator;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn());
        operator = h.startOperator(Map.of());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static String vnetId() {
        return rgId("aso-sample-rg") + "/providers/Microsoft.Network/virtualNetworks/samplevnet";
    }

    private int indexOfPut(String pathSuffix) {
        List<RecordedRequest> all = h.emulator.requests();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).method().equals("PUT") && all.get(i).path().endsWith(pathSuffix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void reverseOrderApplyConvergesParentsFirstAndResolvesTheReference() {
        h.apply(SUBNET);
        h.apply(NSG);
        h.apply(VNET);
        Condition waiting = h.awaitReady("VirtualNetwork", "default", "samplevnet",
                c -> "WaitingForOwner".equals(c.reason()));
        assertThat(waiting.severity()).isEqualTo(Condition.Severity.Warning);
        h.apply(RG);

        h.awaitSucceeded("ResourceGroup", "default", "aso-sample-rg", 1);
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 1);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "samplensg", 1);
        h.awaitSucceeded("VirtualNetworksSubnet", "default", "samplesubnet", 1);

        int rg = indexOfPut("/resourceGroups/aso-sample-rg");
        int vnet = indexOfPut("/virtualNetworks/samplevnet");
        int nsg = indexOfPut("/networkSecurityGroups/samplensg");
        int subnet = indexOfPut("/subnets/samplesubnet");
        assertThat(rg).isGreaterThanOrEqualTo(0);
        assertThat(vnet).isGreaterThan(rg);
        assertThat(nsg).isGreaterThan(rg);
        assertThat(subnet).isGreaterThan(vnet).isGreaterThan(nsg);

        RecordedRequest subnetPut = h.emulator.requests().get(subnet);
        assertThat(subnetPut.path()).isEqualTo(vnetId() + "/subnets/samplesubnet");
        assertThat(subnetPut.body()).isEqualTo(new JsonObject().put("properties", new JsonObject()
                .put("addressPrefix", "10.0.0.0/24")
                .put("networkSecurityGroup", new JsonObject().put("id",
                        rgId("aso-sample-rg") + "/providers/Microsoft.Network/networkSecurityGroups/samplensg"))));
        assertThat(h.requests("PUT", "/subnets/samplesubnet")).hasSize(1);

        GenericKubernetesResource subnetCr = h.resource("VirtualNetworksSubnet", "default", "samplesubnet").get();
        assertThat(subnetCr.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("samplevnet"));
    }

    /** Existing Azure resources adopted read-only (skip) are owners and reference targets like managed ones. */
    @Test
    void skippedResourcesFoundInAzureServeAsOwnersAndReferences() {
        String nsgId = rgId("shared-rg") + "/providers/Microsoft.Network/networkSecurityGroups/shared-nsg";
        h.emulator.seed(rgId("shared-rg"), new JsonObject().put("location", "westeurope"));
        h.emulator.seed(nsgId, new JsonObject().put("location", "westeurope"));
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata:
                  name: shared-rg
                  namespace: default
                  annotations: {serviceoperator.azure.com/reconcile-policy: skip}
                spec: {location: westeurope}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata:
                  name: shared-nsg
                  namespace: default
                  annotations: {serviceoperator.azure.com/reconcile-policy: skip}
                spec: {location: westeurope, owner: {name: shared-rg}}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: team-vnet, namespace: default}
                spec:
                  location: westeurope
                  owner: {name: shared-rg}
                  addressSpace: {addressPrefixes: ["10.2.0.0/16"]}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetworksSubnet
                metadata: {name: team-subnet, namespace: default}
                spec:
                  owner: {name: team-vnet}
                  addressPrefix: 10.2.0.0/24
                  networkSecurityGroup: {reference: {group: network.azure.com, kind: NetworkSecurityGroup, name: shared-nsg}}
                """);
        h.awaitSucceeded("VirtualNetworksSubnet", "default", "team-subnet", 1);
        h.awaitSucceeded("ResourceGroup", "default", "shared-rg", 1);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "shared-nsg", 1);
        String vnetPath = "/resourceGroups/shared-rg/providers/Microsoft.Network/virtualNetworks/team-vnet";
        assertThat(h.requests("PUT", vnetPath)).hasSize(1);
        RecordedRequest subnetPut = h.requests("PUT", vnetPath + "/subnets/team-subnet").get(0);
        assertThat(subnetPut.body().getJsonObject("properties").getJsonObject("networkSecurityGroup")
                .getString("id")).isEqualToIgnoringCase(nsgId);
        assertThat(h.requests("PUT", "/resourceGroups/shared-rg")).isEmpty();
        assertThat(h.requests("PUT", "/networkSecurityGroups/shared-nsg")).isEmpty();
        Map.of("ResourceGroup", "shared-rg", "NetworkSecurityGroup", "shared-nsg").forEach((kind, name) ->
                assertThat(h.resource(kind, "default", name).get().getMetadata().getFinalizers()).as(name)
                        .isNullOrEmpty());
    }

    @Test
    void ownerByArmIdNeedsNoKubernetesOwner() {
        h.emulator.seed(rgId("existing-rg"), new JsonObject().put("location", "westeurope"));
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: vnet-armid, namespace: default}
                spec:
                  location: westeurope
                  owner: {armId: %s}
                  addressSpace: {addressPrefixes: ["10.1.0.0/16"]}
                """.formatted(rgId("existing-rg")));
        h.awaitSucceeded("VirtualNetwork", "default", "vnet-armid", 1);
        assertThat(h.requests("PUT", "/resourceGroups/existing-rg/providers/Microsoft.Network/virtualNetworks/vnet-armid"))
                .hasSize(1);
        assertThat(h.resource("VirtualNetwork", "default", "vnet-armid").get().getMetadata().getOwnerReferences())
                .isNullOrEmpty();
    }

    /** As ASO: a resource in another subscription than its credential's is an error, and nothing goes to Azure. */
    @Test
    void aResourceInAnotherSubscriptionThanItsCredentialIsRefusedBeforeAnyRequest() {
        String elsewhere = "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/other-sub-rg";
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: vnet-elsewhere, namespace: default}
                spec:
                  location: westeurope
                  owner: {armId: %s}
                  addressSpace: {addressPrefixes: ["10.1.0.0/16"]}
                """.formatted(elsewhere));
        Condition refused = h.awaitReady("VirtualNetwork", "default", "vnet-elsewhere",
                c -> "Failed".equals(c.reason()));
        assertThat(refused.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(refused.message()).contains("00000000-0000-0000-0000-000000000002", OperatorHarness.SUBSCRIPTION);
        assertThat(h.emulator.requests()).noneMatch(r -> r.path().contains("vnet-elsewhere"));
        assertThat(h.resource("VirtualNetwork", "default", "vnet-elsewhere").get().getMetadata().getFinalizers())
                .isNullOrEmpty();
    }

    /** A claim whose create never succeeded (the group in owner.armId does not exist) may move: nothing is orphaned. */
    @Test
    @SuppressWarnings("unchecked")
    void aWrongOwnerArmIdCanBeFixedWhileNothingWasCreatedInAzure() {
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: vnet-typo, namespace: default}
                spec:
                  location: westeurope
                  owner: {armId: %s}
                  addressSpace: {addressPrefixes: ["10.1.0.0/16"]}
                """.formatted(rgId("existing-rgg")));
        h.awaitReady("VirtualNetwork", "default", "vnet-typo", c -> "ResourceGroupNotFound".equals(c.reason()));
        h.emulator.seed(rgId("existing-rg"), new JsonObject().put("location", "westeurope"));

        h.resource("VirtualNetwork", "default", "vnet-typo").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("owner",
                    Map.of("armId", rgId("existing-rg")));
            return r;
        });

        h.awaitSucceeded("VirtualNetwork", "default", "vnet-typo", 2);
        String fixed = rgId("existing-rg") + "/providers/Microsoft.Network/virtualNetworks/vnet-typo";
        assertThat(h.emulator.resource(fixed)).isPresent();
        assertThat(h.resource("VirtualNetwork", "default", "vnet-typo").get().getMetadata().getAnnotations())
                .containsEntry(Annotations.RESOURCE_ID, fixed);
        assertThat(h.requests("GET", "/resourceGroups/existing-rgg/providers/Microsoft.Network/virtualNetworks/vnet-typo"))
                .as("Azure was asked whether anything was created at the old ID").isNotEmpty();
    }

    /**
     * An owner change that would move a resource existing in Azure is refused, and the ownerReference stays on the
     * old owner: deleting the new one must not garbage-collect the resource (its finalizer would DELETE it).
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRefusedOwnerChangeLeavesTheOwnerReferenceOnTheOldOwner() {
        h.apply(RG);
        h.apply(VNET);
        h.apply(RG.replace("aso-sample-rg", "other-rg"));
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 1);
        h.awaitSucceeded("ResourceGroup", "default", "other-rg", 1);
        String oldOwner = h.resource("ResourceGroup", "default", "aso-sample-rg").get().getMetadata().getUid();

        h.resource("VirtualNetwork", "default", "samplevnet").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("owner", Map.of("name", "other-rg"));
            return r;
        });
        Condition refused = h.awaitReady("VirtualNetwork", "default", "samplevnet",
                c -> c.observedGeneration() == 2 && "Failed".equals(c.reason()));
        assertThat(refused.message()).contains("cannot change after creation");
        assertThat(h.resource("VirtualNetwork", "default", "samplevnet").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(oldOwner));

        h.resource("ResourceGroup", "default", "other-rg").delete();
        h.awaitGone("ResourceGroup", "default", "other-rg");
        assertThat(h.resource("VirtualNetwork", "default", "samplevnet").get()).isNotNull();
        assertThat(h.requests("DELETE", "/virtualNetworks/samplevnet")).isEmpty();
        assertThat(h.emulator.resource(vnetId())).isPresent();
    }

    /**
     * Keys regenerated in Azure (keyCreationTime moves) reach the exported Secret at the next periodic sync, with no
     * PUT; a sync that finds the keys unchanged calls no listKeys (a POST, counted as a write).
     */
    @Test
    void keysRegeneratedInAzureReachTheExportedSecretAtTheNextSync(Vertx vertx) throws Exception {
        exportedStorageSyncedEverySecond();
        Thread.sleep(2_500); // syncs that find nothing changed
        assertThat(h.requests("POST", "/listKeys")).as("listKeys only for the create").hasSize(1);
        String before = decode(h.user.secrets().inNamespace("default").withName("samplestorage-keys").get(), "key1");

        String rotated = regenerateKey1(vertx);
        assertThat(rotated).isNotEqualTo(before);

        OperatorHarness.awaitTrue("the regenerated key exported", () -> rotated.equals(decode(h.user.secrets()
                .inNamespace("default").withName("samplestorage-keys").get(), "key1")), () -> "still the old key");
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).as("no PUT for it").hasSize(1);
    }

    /** A Secret the API server refuses (403, a quota) is shown on the resource and retried, without another PUT. */
    @Test
    void anExportTheApiServerRefusesIsShownAndRetriedWithoutAnotherPut() {
        h.apiServer().failNext("POST", "/namespaces/default/secrets$", 403, 2);
        h.apply(RG);
        h.apply(STORAGE);
        Condition refused = h.awaitReady("StorageAccount", "default", "samplestorage",
                c -> "ExportFailed".equals(c.reason()));
        assertThat(refused.severity()).isEqualTo(Condition.Severity.Warning);
        assertThat(refused.message()).contains("writing the exports failed");
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        assertThat(h.user.secrets().inNamespace("default").withName("samplestorage-keys").get()).isNotNull();
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).as("the account was PUT once").hasSize(1);
    }

    /** An export moved to another key leaves no copy at the old one; what others added to the Secret stays. */
    @Test
    @SuppressWarnings("unchecked")
    void anExportMovedToAnotherKeyLeavesNoCopyAndKeepsWhatOthersAddedToTheSecret() {
        h.apply(RG);
        h.apply(STORAGE);
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        OperatorHarness.awaitTrue("secret written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null, () -> "none");
        h.user.secrets().inNamespace("default").withName("samplestorage-keys").edit(s -> {
            s.getMetadata().setLabels(Map.of("team", "payments"));
            s.getMetadata().setFinalizers(List.of("example.com/keep"));
            return s;
        });

        h.resource("StorageAccount", "default", "samplestorage").edit(r -> {
            Map<String, Object> secrets = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r
                    .getAdditionalProperties().get("spec")).get("operatorSpec")).get("secrets");
            secrets.put("blobEndpoint", Map.of("name", "samplestorage-keys", "key", "blob"));
            return r;
        });
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 2);
        OperatorHarness.awaitTrue("moved", () -> h.user.secrets().inNamespace("default").withName("samplestorage-keys")
                .get().getData().containsKey("blob"), () -> "not yet");
        Secret secret = h.user.secrets().inNamespace("default").withName("samplestorage-keys").get();
        assertThat(secret.getData()).containsOnlyKeys("key1", "blob");
        assertThat(decode(secret, "blob")).isEqualTo("https://samplestorage.blob.core.windows.net/");
        assertThat(secret.getMetadata().getLabels()).containsEntry("team", "payments");
        assertThat(secret.getMetadata().getFinalizers()).containsExactly("example.com/keep");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("samplestorage"));
    }

    /**
     * A rotation whose export fails (listKeys throttled, then the Secret refused) is still exported once things
     * work again, and the account is never PUT for it: the status keeps the old keyCreationTime until then.
     */
    @Test
    void aRotationWhoseExportFailsIsExportedLaterWithoutAPut(Vertx vertx) throws Exception {
        exportedStorageSyncedEverySecond();
        h.emulator.failNext("POST", "/listKeys$", 503, "ServiceUnavailable", "try later", 1);
        h.apiServer().failNext("PUT", "/secrets/samplestorage-keys$", 403, 2);

        String rotated = regenerateKey1(vertx);

        h.awaitReady("StorageAccount", "default", "samplestorage", c -> "ExportFailed".equals(c.reason()));
        OperatorHarness.awaitTrue("the regenerated key exported", () -> rotated.equals(decode(h.user.secrets()
                .inNamespace("default").withName("samplestorage-keys").get(), "key1")), () -> "still the old key");
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).as("never sent again").hasSize(1);
    }

    /** A Secret refused again and again costs a GET per retry, not a listKeys (a write) while the keys are unchanged. */
    @Test
    @SuppressWarnings("unchecked")
    void aSecretRefusedAfterAnUpdateIsRetriedWithoutListKeysWhileTheKeysAreUnchanged() throws Exception {
        h.apply(RG);
        h.apply(STORAGE);
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        OperatorHarness.awaitTrue("secret written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null, () -> "none");
        h.apiServer().failNext("PUT", "/secrets/samplestorage-keys$", 403, 3);
        int listKeysBefore = h.requests("POST", "/listKeys").size();

        h.resource("StorageAccount", "default", "samplestorage").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("tags", Map.of("v", "two"));
            Map<String, Object> secrets = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r
                    .getAdditionalProperties().get("spec")).get("operatorSpec")).get("secrets");
            secrets.put("blobEndpoint", Map.of("name", "samplestorage-keys", "key", "blob"));
            return r;
        });
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 2);
        assertThat(h.apiServer().requestCount("PUT", "/secrets/samplestorage-keys$")).as("refused thrice, then written")
                .isGreaterThanOrEqualTo(4);
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).as("the update, once").hasSize(2);
        assertThat(h.requests("POST", "/listKeys").size() - listKeysBefore).as("after the PUT only").isOne();
    }

    /** The storage account with its key exported, on an operator that checks it for drift every second. */
    private void exportedStorageSyncedEverySecond() {
        h.stopOperator(operator);
        operator = h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "get"));
        h.apply(RG);
        h.apply(STORAGE);
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        OperatorHarness.awaitTrue("secret written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null, () -> "none");
    }

    private String regenerateKey1(Vertx vertx) throws Exception {
        String storageId = rgId("aso-sample-rg") + "/providers/Microsoft.Storage/storageAccounts/samplestorage";
        JsonObject regenerated = io.vertx.ext.web.client.WebClient.create(vertx)
                .postAbs(h.emulator.baseUrl() + storageId + "/regenerateKey?api-version=2023-01-01")
                .bearerTokenAuthentication("a-user-in-the-portal")
                .sendJsonObject(new JsonObject().put("keyName", "key1"))
                .await(5, java.util.concurrent.TimeUnit.SECONDS).bodyAsJsonObject();
        assertThat(regenerated.getJsonArray("keys")).as("regenerateKey answered " + regenerated).isNotNull();
        return regenerated.getJsonArray("keys").getJsonObject(0).getString("value");
    }

    /** listKeys failing is a problem of the export, not of the account: the retry exports again, it does not PUT. */
    @Test
    void aFailingListKeysIsRetriedWithoutPuttingTheAccountAgain() {
        h.emulator.failNext("POST", "/listKeys$", 503, "ServiceUnavailable", "busy", 2);
        h.apply(RG);
        h.apply(STORAGE);
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        OperatorHarness.awaitTrue("secret written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null, () -> "none");
        assertThat(h.requests("POST", "/listKeys")).hasSize(3);
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).hasSize(1);
    }

    @Test
    void storageKeysAndEndpointLandInAnOwnedSecret() {
        h.apply(RG);
        h.apply(STORAGE);
        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        OperatorHarness.awaitTrue("secret written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null, () -> "none");
        Secret secret = h.user.secrets().inNamespace("default").withName("samplestorage-keys").get();
        String storageId = rgId("aso-sample-rg") + "/providers/Microsoft.Storage/storageAccounts/samplestorage";
        JsonObject keys = h.emulator.requests().stream().filter(r -> r.method().equals("POST")).findFirst()
                .map(r -> r.path()).map(p -> new JsonObject().put("path", p)).orElseThrow();
        assertThat(keys.getString("path")).isEqualTo(storageId + "/listKeys");
        assertThat(decode(secret, "key1")).isNotBlank();
        assertThat(decode(secret, "blobEndpoint")).isEqualTo("https://samplestorage.blob.core.windows.net/");
        assertThat(secret.getData()).containsOnlyKeys("key1", "blobEndpoint");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("samplestorage"));
        assertThat(h.requests("POST", "/listKeys")).hasSize(1);
        assertThat(h.requests("POST", "/listKeys").get(0).apiVersion()).isEqualTo("2024-01-01");

        h.resource("StorageAccount", "default", "samplestorage").delete();
        h.awaitGone("StorageAccount", "default", "samplestorage");
        OperatorHarness.awaitTrue("the exported Secret is collected with its resource", () -> h.user.secrets()
                .inNamespace("default").withName("samplestorage-keys").get() == null, () -> "still there");
        assertThat(h.emulator.resource(storageId)).isEmpty();
    }

    @Test
    void identityIdsLandInAConfigMap() {
        h.apply(RG);
        h.apply(IDENTITY);
        h.awaitSucceeded("UserAssignedIdentity", "default", "sampleidentity", 1);
        OperatorHarness.awaitTrue("configmap written", () ->
                h.user.configMaps().inNamespace("default").withName("sampleidentity-cm").get() != null, () -> "none");
        ConfigMap cm = h.user.configMaps().inNamespace("default").withName("sampleidentity-cm").get();
        JsonObject azure = h.emulator.resource(rgId("aso-sample-rg")
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sampleidentity").orElseThrow();
        JsonObject properties = azure.getJsonObject("properties");
        assertThat(properties.getString("tenantId")).isNotBlank();
        assertThat(cm.getData()).containsEntry("principalId", properties.getString("principalId"))
                .containsEntry("clientId", properties.getString("clientId"))
                .containsEntry("tenantId", properties.getString("tenantId"))
                .hasSize(3);
        assertThat(cm.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("sampleidentity"));
        assertThat(h.requests("POST", "")).isEmpty();
        // the create's 201 carries a relative Location (its own path, as recorded): nothing to poll
        assertThat(h.requests("PUT", "/userAssignedIdentities/sampleidentity")).hasSize(1);
        assertThat(h.requests("GET", "/userAssignedIdentities/sampleidentity")).isEmpty();
    }

    @Test
    void endpointsAloneNeverCallListKeys() {
        h.apply(RG);
        h.apply("""
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccount
                metadata: {name: endpointsonly, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  kind: StorageV2
                  sku: {name: Standard_LRS}
                  operatorSpec:
                    secrets:
                      blobEndpoint: {name: endpoints-secret, key: blob}
                    configMaps:
                      queueEndpoint: {name: endpoints-cm, key: queue}
                      fileEndpoint: {name: endpoints-cm, key: file}
                """);
        h.awaitSucceeded("StorageAccount", "default", "endpointsonly", 1);
        OperatorHarness.awaitTrue("exports written", () ->
                h.user.secrets().inNamespace("default").withName("endpoints-secret").get() != null
                        && h.user.configMaps().inNamespace("default").withName("endpoints-cm").get() != null,
                () -> "not yet");
        assertThat(decode(h.user.secrets().inNamespace("default").withName("endpoints-secret").get(), "blob"))
                .isEqualTo("https://endpointsonly.blob.core.windows.net/");
        assertThat(h.user.configMaps().inNamespace("default").withName("endpoints-cm").get().getData())
                .containsEntry("queue", "https://endpointsonly.queue.core.windows.net/")
                .containsEntry("file", "https://endpointsonly.file.core.windows.net/").hasSize(2);
        assertThat(h.requests("POST", "")).as("no key asked for: no listKeys").isEmpty();
    }

    @Test
    void aSecretTheResourceDoesNotOwnIsNeverOverwrittenAndTheResourceRecoversWhenItGoes() throws Exception {
        h.user.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                .withName("samplestorage-keys").endMetadata().addToData("key1",
                        Base64.getEncoder().encodeToString("precious".getBytes(StandardCharsets.UTF_8))).build()).create();
        h.apply(RG);
        h.apply(STORAGE);
        Condition c = h.awaitReady("StorageAccount", "default", "samplestorage",
                r -> "ExportConflict".equals(r.reason()));
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.severity()).as("retried: it clears without a spec change").isEqualTo(Condition.Severity.Warning);
        assertThat(c.message()).contains("samplestorage-keys").contains("not owned");
        Thread.sleep(1_500); // a few retries (200 ms doubling)
        assertThat(decode(h.user.secrets().inNamespace("default").withName("samplestorage-keys").get(), "key1"))
                .isEqualTo("precious");
        assertThat(h.requests("POST", "/listKeys")).isEmpty();
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).as("retrying the export re-sends nothing")
                .hasSize(1);

        h.user.secrets().inNamespace("default").withName("samplestorage-keys").delete();

        h.awaitSucceeded("StorageAccount", "default", "samplestorage", 1);
        Secret written = h.user.secrets().inNamespace("default").withName("samplestorage-keys").get();
        assertThat(written.getData()).containsOnlyKeys("key1", "blobEndpoint");
        assertThat(decode(written, "key1")).isNotEqualTo("precious").isNotBlank();
        assertThat(written.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("samplestorage"));
        assertThat(h.requests("POST", "/listKeys")).hasSize(1);
        assertThat(h.requests("PUT", "/storageAccounts/samplestorage")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anNsgUpdateKeepsTheSecurityRulesAzureHas() {
        String nsgId = rgId("aso-sample-rg") + "/providers/Microsoft.Network/networkSecurityGroups/samplensg";
        h.apply(RG);
        h.apply(NSG);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "samplensg", 1);
        JsonObject rule = new JsonObject().put("name", "allow-https").put("properties", new JsonObject()
                .put("protocol", "Tcp").put("access", "Allow").put("direction", "Inbound").put("priority", 100)
                .put("sourceAddressPrefix", "*").put("sourcePortRange", "*")
                .put("destinationAddressPrefix", "*").put("destinationPortRange", "443"));
        JsonObject inAzure = h.emulator.resource(nsgId).orElseThrow();
        inAzure.getJsonObject("properties").put("securityRules", new io.vertx.core.json.JsonArray().add(rule));
        h.emulator.seed(nsgId, inAzure); // a rule made in the portal

        h.resource("NetworkSecurityGroup", "default", "samplensg").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("tags", Map.of("v", "two"));
            return r;
        });
        h.awaitSucceeded("NetworkSecurityGroup", "default", "samplensg", 2);

        JsonObject after = h.emulator.resource(nsgId).orElseThrow();
        assertThat(after.getJsonObject("tags").getString("v")).isEqualTo("two");
        assertThat(after.getJsonObject("properties").getJsonArray("securityRules")).singleElement()
                .satisfies(r -> assertThat(((JsonObject) r).getString("name")).isEqualTo("allow-https"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVnetUpdateWhoseSubnetReadFailsWaitsInsteadOfDroppingTheSubnets() {
        h.apply(RG);
        h.apply(VNET);
        h.apply(NSG);
        h.apply(SUBNET);
        h.awaitSucceeded("VirtualNetworksSubnet", "default", "samplesubnet", 1);
        h.emulator.failNext("GET", "/virtualNetworks/samplevnet$", 500, "InternalServerError", "boom", 1);

        h.resource("VirtualNetwork", "default", "samplevnet").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("tags", Map.of("v", "two"));
            return r;
        });
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 2);

        assertThat(h.emulator.resource(vnetId()).orElseThrow().getJsonObject("tags").getString("v")).isEqualTo("two");
        assertThat(h.emulator.resource(vnetId() + "/subnets/samplesubnet")).as("the subnet survived").isPresent();
        assertThat(h.requests("PUT", "/virtualNetworks/samplevnet").stream()
                .filter(put -> put.body().containsKey("tags")).toList())
                .as("the update was sent once its read succeeded, with the subnet").singleElement()
                .satisfies(put -> assertThat(put.body().getJsonObject("properties").getJsonArray("subnets"))
                        .hasSize(1));
    }

    @Test
    void deletingTheResourceGroupDeletesItInAzureAndTheGarbageCollectorTakesEveryChildAndExport() {
        h.apply(RG);
        h.apply(VNET);
        h.apply(NSG);
        h.apply(SUBNET);
        h.apply(STORAGE);
        h.apply(IDENTITY);
        h.apply(PUBLIC_IP);
        Map<String, String> owners = Map.of("VirtualNetwork/samplevnet", "ResourceGroup/aso-sample-rg",
                "NetworkSecurityGroup/samplensg", "ResourceGroup/aso-sample-rg",
                "VirtualNetworksSubnet/samplesubnet", "VirtualNetwork/samplevnet",
                "StorageAccount/samplestorage", "ResourceGroup/aso-sample-rg",
                "UserAssignedIdentity/sampleidentity", "ResourceGroup/aso-sample-rg",
                "PublicIPAddress/samplepublicip", "ResourceGroup/aso-sample-rg");
        owners.keySet().forEach(child -> h.awaitSucceeded(child.split("/")[0], "default", child.split("/")[1], 1));
        OperatorHarness.awaitTrue("exports written", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() != null
                        && h.user.configMaps().inNamespace("default").withName("sampleidentity-cm").get() != null,
                () -> "not yet");
        owners.forEach((child, owner) -> {
            GenericKubernetesResource c = h.resource(child.split("/")[0], "default", child.split("/")[1]).get();
            GenericKubernetesResource o = h.resource(owner.split("/")[0], "default", owner.split("/")[1]).get();
            assertThat(c.getMetadata().getOwnerReferences()).as(child).singleElement().satisfies(ref -> {
                assertThat(ref.getKind() + "/" + ref.getName()).isEqualTo(owner);
                assertThat(ref.getUid()).isEqualTo(o.getMetadata().getUid());
                assertThat(ref.getApiVersion()).isEqualTo(o.getApiVersion());
            });
        });
        h.emulator.clearRequests();

        h.resource("ResourceGroup", "default", "aso-sample-rg").delete();

        h.awaitGone("ResourceGroup", "default", "aso-sample-rg");
        owners.keySet().forEach(child -> h.awaitGone(child.split("/")[0], "default", child.split("/")[1]));
        OperatorHarness.awaitTrue("exports collected", () ->
                h.user.secrets().inNamespace("default").withName("samplestorage-keys").get() == null
                        && h.user.configMaps().inNamespace("default").withName("sampleidentity-cm").get() == null,
                () -> "still there");
        assertThat(h.emulator.resource(rgId("aso-sample-rg"))).isEmpty();
        assertThat(h.emulator.resourceIds()).noneMatch(id -> id.toLowerCase().contains("/aso-sample-rg"));

        // the children's CRs were deleted (by the garbage collector) only once the group was gone in Azure, so
        // each child's one DELETE came after the last request on the group (the GET or DELETE answered 404) and
        // was answered 404: deleted, finalizer released, nothing retried
        List<RecordedRequest> all = h.emulator.requests();
        int lastOnGroup = lastIndexOn(all, rgId("aso-sample-rg"));
        assertThat(lastOnGroup).isGreaterThanOrEqualTo(0);
        for (String path : List.of("/virtualNetworks/samplevnet", "/networkSecurityGroups/samplensg",
                "/subnets/samplesubnet", "/storageAccounts/samplestorage", "/userAssignedIdentities/sampleidentity",
                "/publicIPAddresses/samplepublicip")) {
            List<RecordedRequest> deletes = h.requests("DELETE", path);
            assertThat(deletes).as(path).hasSize(1);
            assertThat(all.indexOf(deletes.get(0))).as(path + " deleted after the group was gone")
                    .isGreaterThan(lastOnGroup);
        }
        assertThat(all.subList(lastOnGroup + 1, all.size())).as("no operation to follow: answered at once")
                .noneMatch(r -> r.path().toLowerCase().contains("operation"));
    }

    @Test
    void deletingTheResourceGroupInTheForegroundDeletesItsChildrenFirstAndEverythingInAzure() {
        h.apply(RG);
        h.apply(VNET);
        h.apply(NSG);
        h.apply(SUBNET);
        h.awaitSucceeded("VirtualNetworksSubnet", "default", "samplesubnet", 1);
        h.emulator.clearRequests();

        h.resource("ResourceGroup", "default", "aso-sample-rg").withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();

        // the group waits for its children (foregroundDeletion) next to the operator's finalizer, which the
        // operator releases by itself once the group is gone in Azure
        h.awaitGone("VirtualNetworksSubnet", "default", "samplesubnet");
        h.awaitGone("VirtualNetwork", "default", "samplevnet");
        h.awaitGone("NetworkSecurityGroup", "default", "samplensg");
        h.awaitGone("ResourceGroup", "default", "aso-sample-rg");
        assertThat(h.emulator.resourceIds()).noneMatch(id -> id.toLowerCase().contains("/aso-sample-rg"));
        // in the foreground the children's CRs go at once, so their DELETEs are sent while the group's long-running
        // DELETE still runs (in the background they come only once the group is gone: the test above)
        List<RecordedRequest> all = h.emulator.requests();
        int lastOnGroup = lastIndexOn(all, rgId("aso-sample-rg"));
        for (String path : List.of("/subnets/samplesubnet", "/virtualNetworks/samplevnet",
                "/networkSecurityGroups/samplensg")) {
            assertThat(h.requests("DELETE", path)).as(path).isNotEmpty();
            assertThat(all.indexOf(h.requests("DELETE", path).get(0))).as(path + " deleted while the group waited")
                    .isLessThan(lastOnGroup);
        }
    }

    @Test
    void deletingTheResourceGroupWithOrphanKeepsTheChildrensResourcesWhichWaitForTheirOwnerAgain() {
        h.apply(RG);
        h.apply(NSG);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "samplensg", 1);

        h.resource("ResourceGroup", "default", "aso-sample-rg").withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete();

        h.awaitGone("ResourceGroup", "default", "aso-sample-rg");
        assertThat(h.emulator.resource(rgId("aso-sample-rg"))).as("the group itself is deleted in Azure").isEmpty();
        GenericKubernetesResource nsg = h.resource("NetworkSecurityGroup", "default", "samplensg").get();
        assertThat(nsg).as("orphaned, not collected").isNotNull();
        assertThat(nsg.getMetadata().getOwnerReferences()).isEmpty();

        h.emulator.clearRequests();
        h.resource("NetworkSecurityGroup", "default", "samplensg").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("tags", Map.of("team", "a"));
            return r;
        });
        Condition waiting = h.awaitReady("NetworkSecurityGroup", "default", "samplensg",
                c -> c.observedGeneration() == 2);
        assertThat(waiting.reason()).isEqualTo("WaitingForOwner");
        assertThat(h.emulator.requests()).as("nothing sent to Azure while the owner is missing").isEmpty();
    }

    /** The index of the last of {@code requests} on {@code path}, -1 if none. */
    private static int lastIndexOn(List<RecordedRequest> requests, String path) {
        int last = -1;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).path().equalsIgnoreCase(path)) {
                last = i;
            }
        }
        return last;
    }

    @Test
    void aMissingReferenceWaitsWithNoArmRequestAndItsCreationAloneWakesTheResource() {
        h.stopOperator(operator);
        h.startOperator(Map.of("RETRY_BASE_DELAY", "1h", "RETRY_MAX_DELAY", "1h")); // no timed retry can help
        h.apply(RG);
        h.apply(VNET);
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 1);
        h.apply(SUBNET);
        Condition waiting = h.awaitReady("VirtualNetworksSubnet", "default", "samplesubnet",
                c -> "ReferenceNotFound".equals(c.reason()));
        assertThat(waiting.status()).isEqualTo("False");
        assertThat(waiting.severity()).isEqualTo(Condition.Severity.Warning);
        assertThat(waiting.message()).contains("NetworkSecurityGroup samplensg");
        assertThat(h.emulator.requests()).as("nothing sent for the subnet while its reference is missing")
                .noneMatch(r -> r.path().toLowerCase().contains("/subnets/"));

        h.apply(NSG);
        h.awaitSucceeded("VirtualNetworksSubnet", "default", "samplesubnet", 1);
        assertThat(h.requests("PUT", "/subnets/samplesubnet")).singleElement()
                .satisfies(put -> assertThat(put.body().getJsonObject("properties")
                        .getJsonObject("networkSecurityGroup").getString("id")).isEqualTo(rgId("aso-sample-rg")
                        + "/providers/Microsoft.Network/networkSecurityGroups/samplensg"));
    }

    @Test
    void childrenThatWaitAreSkippedOrInvalidAreOwnedAndGoWithTheirOwner() {
        h.apply(RG);
        h.apply(VNET);
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 1);
        h.apply(SUBNET); // its NSG does not exist
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: NetworkSecurityGroup
                metadata:
                  name: skipped-nsg
                  namespace: default
                  annotations: {serviceoperator.azure.com/reconcile-policy: skip}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: invalid-vnet, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  addressSpace: {addressPrefixes: ["not-a-cidr"]}
                """);
        h.awaitReady("VirtualNetworksSubnet", "default", "samplesubnet", c -> "ReferenceNotFound".equals(c.reason()));
        h.awaitReady("NetworkSecurityGroup", "default", "skipped-nsg", c -> "AzureResourceNotFound".equals(c.reason()));
        h.awaitReady("VirtualNetwork", "default", "invalid-vnet", c -> c.severity() == Condition.Severity.Error);
        Map<String, String> owners = Map.of("VirtualNetworksSubnet/samplesubnet", "samplevnet",
                "NetworkSecurityGroup/skipped-nsg", "aso-sample-rg", "VirtualNetwork/invalid-vnet", "aso-sample-rg");
        owners.forEach((child, owner) -> OperatorHarness.awaitTrue(child + " owned by " + owner, () -> {
            var refs = h.resource(child.split("/")[0], "default", child.split("/")[1]).get()
                    .getMetadata().getOwnerReferences();
            return refs != null && refs.size() == 1 && refs.get(0).getName().equals(owner);
        }, () -> "no ownerReference"));
        assertThat(h.resource("NetworkSecurityGroup", "default", "skipped-nsg").get().getMetadata().getFinalizers())
                .as("skip never claims the resource").doesNotContain(Annotations.FINALIZER);

        h.resource("ResourceGroup", "default", "aso-sample-rg").delete();
        h.awaitGone("ResourceGroup", "default", "aso-sample-rg");
        owners.keySet().forEach(child -> h.awaitGone(child.split("/")[0], "default", child.split("/")[1]));
        assertThat(h.requests("DELETE", "/skipped-nsg")).isEmpty();
        assertThat(h.requests("PUT", "/invalid-vnet")).isEmpty();
    }

    @Test
    void aStorageNetworkRuleReachesArmWithTheSubnetIdNextToItsAction() {
        h.apply(RG);
        h.apply(VNET);
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetworksSubnet
                metadata: {name: storagesubnet, namespace: default}
                spec:
                  owner: {name: samplevnet}
                  addressPrefix: 10.0.1.0/24
                  serviceEndpoints: [{service: Microsoft.Storage}]
                ---
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccount
                metadata: {name: lockedstorage, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  kind: StorageV2
                  sku: {name: Standard_LRS}
                  networkAcls:
                    defaultAction: Deny
                    virtualNetworkRules:
                      - action: Allow
                        reference: {group: network.azure.com, kind: VirtualNetworksSubnet, name: storagesubnet}
                """);
        h.awaitSucceeded("StorageAccount", "default", "lockedstorage", 1);
        assertThat(h.requests("PUT", "/storageAccounts/lockedstorage")).singleElement().satisfies(put ->
                assertThat(put.body().getJsonObject("properties").getJsonObject("networkAcls")
                        .getJsonArray("virtualNetworkRules")).containsExactly(new JsonObject().put("action", "Allow")
                        .put("id", vnetId() + "/subnets/storagesubnet")));
    }

    @Test
    void invalidInputIsRejectedBeforeAnyArmRequest() {
        h.apply(RG);
        h.awaitSucceeded("ResourceGroup", "default", "aso-sample-rg", 1);
        h.emulator.clearRequests();
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: bad-armid, namespace: default}
                spec:
                  location: westcentralus
                  owner: {armId: "not/an/arm/id"}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: bad-name, namespace: default}
                spec:
                  azureName: "../escape"
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: bad-slash, namespace: default}
                spec:
                  azureName: "a/b"
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetworksSubnet
                metadata: {name: cross-ns-ref, namespace: default}
                spec:
                  owner: {name: samplevnet}
                  addressPrefix: 10.0.0.0/24
                  networkSecurityGroup: {reference: {group: network.azure.com, kind: NetworkSecurityGroup, name: nsg, namespace: other}}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: cross-ns-owner, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg, namespace: other}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                ---
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: unknown-ref-kind, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: aso-sample-rg}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                  dhcpOptions: {dnsServers: ["10.0.0.4"]}
                  ddosProtectionPlan: {reference: {group: network.azure.com, kind: NoSuchKind, name: x}}
                """);
        h.apply(VNET);
        h.awaitSucceeded("VirtualNetwork", "default", "samplevnet", 1);
        for (String name : List.of("bad-armid", "bad-name", "bad-slash", "cross-ns-owner", "unknown-ref-kind")) {
            Condition c = h.awaitReady("VirtualNetwork", "default", name,
                    r -> r.severity() == Condition.Severity.Error);
            assertThat(c.status()).as(name).isEqualTo("False");
            assertThat(c.message()).as(name).isNotBlank();
        }
        assertThat(h.ready("VirtualNetwork", "default", "cross-ns-owner").orElseThrow().message())
                .contains("namespace other");
        assertThat(h.resource("VirtualNetwork", "default", "cross-ns-owner").get().getMetadata()
                .getOwnerReferences()).as("an owner in another namespace is no owner").isNullOrEmpty();
        Condition cross = h.awaitReady("VirtualNetworksSubnet", "default", "cross-ns-ref",
                r -> r.severity() == Condition.Severity.Error);
        assertThat(cross.message()).contains("namespace");
        assertThat(h.emulator.requests()).extracting(RecordedRequest::path)
                .allMatch(p -> p.equals(vnetId()) || p.contains("/operations/"), "only samplevnet and its operation");
    }

    private static String decode(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
}
