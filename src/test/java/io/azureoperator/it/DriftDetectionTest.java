package io.azureoperator.it;

import static io.azureoperator.it.OperatorHarness.rgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Periodic sync in the three DRIFT_DETECTION modes, with a short sync period. */
@ExtendWith(VertxExtension.class)
class DriftDetectionTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void applyRg(String name) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westcentralus, tags: {team: a}}
                """.formatted(name));
    }

    private void applyVnet(String name) {
        h.apply("""
                apiVersion: network.azure.com/v1api20201101
                kind: VirtualNetwork
                metadata: {name: %s, namespace: default}
                spec:
                  location: westcentralus
                  owner: {name: rg-list}
                  addressSpace: {addressPrefixes: ["10.0.0.0/16"]}
                """.formatted(name));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void getModeReadsAnIdleResourceEverySyncAndPutsOnlyOnDrift() {
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "get"));
        applyRg("rg-idle");
        h.awaitSucceeded("ResourceGroup", "default", "rg-idle", 1);
        long getsBefore = h.requests("GET", "/resourceGroups/rg-idle").size();
        sleep(3500); // three sync periods
        assertThat(h.requests("PUT", "/resourceGroups/rg-idle")).hasSize(1);
        assertThat(h.requests("GET", "/resourceGroups/rg-idle").size() - getsBefore).isBetween(2L, 5L);

        // someone changes the tags in Azure: the next sync sees it and puts the spec back
        h.emulator.seed(rgId("rg-idle"), new JsonObject().put("location", "westcentralus")
                .put("tags", new JsonObject().put("team", "hacked")));
        OperatorHarness.awaitTrue("drift corrected", () -> h.emulator.resource(rgId("rg-idle")).orElseThrow()
                .getJsonObject("tags").getString("team").equals("a"), () -> "tags still changed");
        assertThat(h.requests("PUT", "/resourceGroups/rg-idle")).hasSize(2);
        OperatorHarness.awaitTrue("drift event", () -> h.user.v1().events().inNamespace("default").list().getItems()
                .stream().anyMatch(e -> "DriftCorrected".equals(e.getReason())
                        && e.getMessage().contains("tags")), () -> "no event");
    }

    /** A check that cannot read Azure (throttled, unavailable, no answer) is checked again; it never becomes a PUT. */
    @Test
    void aDriftCheckThatFailsIsCheckedAgainWithoutAPut() {
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "get", "RETRY_BASE_DELAY", "100ms"));
        applyRg("rg-unread");
        h.awaitSucceeded("ResourceGroup", "default", "rg-unread", 1);
        String path = ".*/resourceGroups/rg-unread$";
        h.emulator.failNext("GET", path, 429, "SubscriptionRequestsThrottled", "too many reads", 1);
        h.emulator.failNext("GET", path, 503, "ServiceUnavailable", "busy", 1);
        h.emulator.resetNext("GET", path, false, 1);
        long getsBefore = h.requests("GET", "/resourceGroups/rg-unread").size();
        OperatorHarness.awaitTrue("three failed checks and a good one", () ->
                h.requests("GET", "/resourceGroups/rg-unread").size() - getsBefore >= 4, () -> "GETs: "
                + (h.requests("GET", "/resourceGroups/rg-unread").size() - getsBefore));
        sleep(1500); // what the failures might have led to
        assertThat(h.requests("PUT", "/resourceGroups/rg-unread")).hasSize(1);
        assertThat(h.ready("ResourceGroup", "default", "rg-unread").orElseThrow().isTrue()).isTrue();
        List<Event> events = h.user.v1().events().inNamespace("default").list().getItems();
        assertThat(events).filteredOn(e -> e.getInvolvedObject().getName().equals("rg-unread"))
                .extracting(Event::getReason).contains("SubscriptionRequestsThrottled", "ServiceUnavailable")
                .doesNotContain("DriftCorrected");
    }

    /** A resource Azure shows as Failed is not in sync, whatever its fields say: the next sync sends it again. */
    @Test
    void aResourceInProvisioningStateFailedIsSentAgain() {
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "get"));
        applyRg("rg-broken");
        h.awaitSucceeded("ResourceGroup", "default", "rg-broken", 1);
        JsonObject inAzure = h.emulator.resource(rgId("rg-broken")).orElseThrow();
        h.emulator.seed(rgId("rg-broken"), inAzure, "Failed");

        OperatorHarness.awaitTrue("sent again", () -> "Succeeded".equals(h.emulator.resource(rgId("rg-broken"))
                .orElseThrow().getJsonObject("properties").getString("provisioningState")), () -> "still Failed");
        assertThat(h.requests("PUT", "/resourceGroups/rg-broken")).hasSize(2);
        List<Event> events = h.user.v1().events().inNamespace("default").list().getItems();
        assertThat(events).filteredOn(e -> e.getInvolvedObject().getName().equals("rg-broken"))
                .extracting(Event::getReason).contains("DriftCorrected");
    }

    @Test
    void putModeRePutsEverySyncLikeAso() {
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s", "DRIFT_DETECTION", "put"));
        applyRg("rg-put");
        h.awaitSucceeded("ResourceGroup", "default", "rg-put", 1);
        sleep(3500);
        assertThat(h.requests("PUT", "/resourceGroups/rg-put").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listModeServesManyResourcesFromOneListAndPutsOnlyOnDrift() {
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "2s", "DRIFT_DETECTION", "list"));
        applyRg("rg-list");
        List<String> vnets = List.of("vnet-a", "vnet-b", "vnet-c", "vnet-d");
        vnets.forEach(this::applyVnet);
        vnets.forEach(v -> h.awaitSucceeded("VirtualNetwork", "default", v, 1));
        long getsAfterCreate = vnets.stream().mapToLong(v -> h.requests("GET", "/virtualNetworks/" + v).size()).sum();
        sleep(4500); // two sync periods
        long getsAfterSyncs = vnets.stream().mapToLong(v -> h.requests("GET", "/virtualNetworks/" + v).size()).sum();
        assertThat(getsAfterSyncs).as("no per-resource GETs in list mode").isEqualTo(getsAfterCreate);
        assertThat(h.requests("GET", "/providers/Microsoft.Network/virtualNetworks")).as("LIST calls").isNotEmpty();
        vnets.forEach(v -> assertThat(h.requests("PUT", "/virtualNetworks/" + v)).hasSize(1));

        String vnetC = rgId("rg-list") + "/providers/Microsoft.Network/virtualNetworks/vnet-c";
        JsonObject drifted = h.emulator.resource(vnetC).orElseThrow().copy();
        drifted.getJsonObject("properties").getJsonObject("addressSpace")
                .put("addressPrefixes", new io.vertx.core.json.JsonArray().add("10.9.0.0/16"));
        h.emulator.seed(vnetC, drifted);
        OperatorHarness.awaitTrue("vnet-c corrected", () -> h.emulator.resource(vnetC).orElseThrow()
                .getJsonObject("properties").getJsonObject("addressSpace").getJsonArray("addressPrefixes")
                .getString(0).equals("10.0.0.0/16"), () -> "still drifted");
        assertThat(h.requests("PUT", "/virtualNetworks/vnet-c")).hasSize(2);
        assertThat(h.requests("PUT", "/virtualNetworks/vnet-a")).hasSize(1);
    }

    @Test
    void aRestartedOperatorWithAnInSyncFleetSendsNoPut() {
        Operator first = h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s"));
        List.of("rg-r1", "rg-r2", "rg-r3").forEach(this::applyRg);
        List.of("rg-r1", "rg-r2", "rg-r3").forEach(n -> h.awaitSucceeded("ResourceGroup", "default", n, 1));
        h.stopOperator(first);
        long puts = h.emulator.requests().stream().filter(r -> r.method().equals("PUT")).count();
        h.startOperator(Map.of("AZURE_SYNC_PERIOD", "1s"));
        sleep(2500);
        assertThat(h.emulator.requests().stream().filter(r -> r.method().equals("PUT")).count()).isEqualTo(puts);
        List<Event> events = h.user.v1().events().inNamespace("default").list().getItems();
        assertThat(events).noneMatch(e -> "DriftCorrected".equals(e.getReason()));
    }
}
