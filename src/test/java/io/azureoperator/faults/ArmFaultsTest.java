package io.azureoperator.faults;

import static io.azureoperator.faults.Invariants.Tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.Condition;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARM misbehaving while a small resource graph is created, updated and deleted under all three policies: random
 * 500s and 503s, connection resets (request lost, or applied with the answer lost), hangs that end in 504, slow
 * operations, failed and canceled operations, a 429 storm from a tight subscription budget. Each run must converge
 * and leave the {@link Invariants} true.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ArmFaultsTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        Specs.seedResourceGroup(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("ARM 500 on 10% of requests", (Consumer<OperatorHarness>) h ->
                        h.emulator.failRate(0.10, 500)),
                Arguments.of("ARM 503 on 10% of requests", (Consumer<OperatorHarness>) h ->
                        h.emulator.failRate(0.10, 503)),
                Arguments.of("connection resets, before and after ARM acted", (Consumer<OperatorHarness>) h -> {
                    h.emulator.resetNext("PUT", ".*", false, 3);
                    h.emulator.resetNext("PUT", ".*", true, 3);
                    h.emulator.resetNext("GET", "/operations/", true, 3);
                    h.emulator.resetNext("GET", ".*", false, 3);
                    h.emulator.resetNext("DELETE", ".*", true, 2);
                    h.emulator.resetNext("POST", "/listKeys", false, 1);
                }),
                Arguments.of("hangs ending in 504 GatewayTimeout", (Consumer<OperatorHarness>) h -> {
                    h.emulator.hangNext("PUT", ".*", Duration.ofMillis(1500), true, 2);
                    h.emulator.hangNext("GET", "/operations/", Duration.ofMillis(1500), false, 2);
                    h.emulator.hangNext("DELETE", ".*", Duration.ofMillis(1500), true, 1);
                }),
                Arguments.of("slow long-running operations and latency", (Consumer<OperatorHarness>) h -> {
                    h.emulator.setOperationPolls(4);
                    h.emulator.setLatency(Duration.ofMillis(30));
                }),
                Arguments.of("failed and canceled operations (retryable)", (Consumer<OperatorHarness>) h -> {
                    h.emulator.failNextOperation("networkSecurityGroups", "Failed", "InternalServerError",
                            "Operation failed inside the resource provider.", 2);
                    h.emulator.failNextOperation("virtualNetworks", "Canceled", "OperationCanceled",
                            "The operation was canceled.", 1);
                    h.emulator.failNextOperation("publicIPAddresses", "Failed", "AnotherOperationInProgress",
                            "Another operation is in progress.", 1);
                }),
                Arguments.of("429 storm from a tight subscription budget", (Consumer<OperatorHarness>) h ->
                        h.emulator.setLimits(4, 30, 3, Duration.ofSeconds(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void graphConvergesAndInvariantsHold(String name, Consumer<OperatorHarness> fault) {
        h.emulator.seed(Specs.nsgId("skipnsg"), new JsonObject().put("location", "westcentralus"));
        fault.accept(h);
        // the storm: the operator is configured with ten times what ARM really allows (4 writes per 2 s)
        h.startOperator(name.startsWith("429") ? Map.of("ARM_WRITE_LIMIT", "40/2s", "ARM_READ_LIMIT", "300/2s",
                "ARM_DELETE_LIMIT", "30/2s") : Map.of());
        h.apply(Specs.nsg("n1", null));
        h.apply(Specs.vnet("v1", null));
        h.apply(Specs.subnet("s1", "v1", "n1"));
        h.apply(Specs.identity("i1", null));
        h.apply(Specs.storage("faultst1", null));
        h.apply(Specs.publicIp("p1", null));
        h.apply(Specs.nsg("skipnsg", "skip"));
        List<String[]> all = List.of(new String[] {"NetworkSecurityGroup", "n1"}, new String[] {"VirtualNetwork", "v1"},
                new String[] {"VirtualNetworksSubnet", "s1"}, new String[] {"UserAssignedIdentity", "i1"},
                new String[] {"StorageAccount", "faultst1"}, new String[] {"PublicIPAddress", "p1"},
                new String[] {"NetworkSecurityGroup", "skipnsg"});
        for (String[] r : all) {
            h.awaitSucceeded(r[0], "default", r[1], 1);
        }

        Specs.tag(h, "VirtualNetwork", "v1", "two");
        Specs.tag(h, "NetworkSecurityGroup", "n1", "two");
        h.awaitSucceeded("VirtualNetwork", "default", "v1", 2);
        h.awaitSucceeded("NetworkSecurityGroup", "default", "n1", 2);
        assertThat(h.emulator.resource(Specs.vnetId("v1")).orElseThrow().getJsonObject("tags"))
                .isEqualTo(new JsonObject().put("v", "two"));
        assertThat(h.emulator.resource(Specs.subnetId("v1", "s1"))).as("the VNet update kept the subnet").isPresent();

        Specs.setPolicy(h, "UserAssignedIdentity", "i1", "detach-on-delete");
        h.resource("UserAssignedIdentity", "default", "i1").delete();
        h.resource("PublicIPAddress", "default", "p1").delete();
        h.resource("VirtualNetworksSubnet", "default", "s1").delete();
        h.resource("NetworkSecurityGroup", "default", "skipnsg").delete();

        List<Tracked> tracked = new ArrayList<>(List.of(
                Tracked.live("NetworkSecurityGroup", "n1", Specs.nsgId("n1")),
                Tracked.live("VirtualNetwork", "v1", Specs.vnetId("v1")),
                Tracked.live("StorageAccount", "faultst1", Specs.storageId("faultst1")),
                Tracked.deleted("VirtualNetworksSubnet", "s1", Specs.subnetId("v1", "s1"), "manage"),
                Tracked.deleted("UserAssignedIdentity", "i1", Specs.identityId("i1"), "detach-on-delete"),
                Tracked.deleted("PublicIPAddress", "p1", Specs.publicIpId("p1"), "manage"),
                Tracked.deleted("NetworkSecurityGroup", "skipnsg", Specs.nsgId("skipnsg"), "skip")));
        Invariants.check(h, tracked, List.of(Specs.RG_ID, Specs.nsgId("skipnsg")));
        assertThat(h.user.secrets().inNamespace("default").withName("faultst1-keys").get()).isNotNull();
    }

    @Test
    void fatalErrorInACanceledOperationIsShownThenASpecFixConverges() {
        h.emulator.failNextOperation("virtualNetworks/vbad", "Canceled", "InvalidParameter",
                "Subnet prefix 10.0.0.0/33 is not a valid CIDR.", 1);
        h.startOperator(Map.of());
        h.apply(Specs.vnet("vbad", null));
        Condition c = h.awaitReady("VirtualNetwork", "default", "vbad", r -> "InvalidParameter".equals(r.reason()));
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(c.message()).contains("10.0.0.0/33");

        Specs.tag(h, "VirtualNetwork", "vbad", "fixed");
        h.awaitSucceeded("VirtualNetwork", "default", "vbad", 2);
        Invariants.check(h, List.of(Tracked.live("VirtualNetwork", "vbad", Specs.vnetId("vbad"))),
                List.of(Specs.RG_ID));
    }

    @Test
    void theSameFaultsOnAResourceGroupTheOperatorCreatesAndDeletes() {
        h.emulator.failRate(0.15, 503);
        h.emulator.resetNext("DELETE", "/resourceGroups/fault-own-rg$", true, 1);
        h.startOperator(Map.of());
        h.apply(Specs.rg("fault-own-rg", null));
        h.awaitSucceeded("ResourceGroup", "default", "fault-own-rg", 1);
        h.resource("ResourceGroup", "default", "fault-own-rg").delete();
        Invariants.check(h, List.of(Tracked.deleted("ResourceGroup", "fault-own-rg",
                OperatorHarness.rgId("fault-own-rg"), "manage")), List.of(Specs.RG_ID));
    }
}
