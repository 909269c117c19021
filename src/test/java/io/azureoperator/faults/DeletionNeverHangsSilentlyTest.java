package io.azureoperator.faults;

import static io.azureoperator.faults.Invariants.Tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.Condition;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A DELETE that fails for good (no permission, a lock, an operation that keeps failing) shows the ARM error on the
 * resource, keeps the finalizer (Azure still has the resource), and switching the resource to detach-on-delete
 * releases it at once, leaving Azure alone.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class DeletionNeverHangsSilentlyTest {
    private OperatorHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        Specs.seedResourceGroup(h);
        h.startOperator(Map.of());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @ParameterizedTest(name = "DELETE answered {0} {1}")
    @CsvSource({
            "403, AuthorizationFailed, The client 'x' does not have authorization to perform action "
                    + "'Microsoft.Network/networkSecurityGroups/delete'",
            "409, ScopeLocked, The scope cannot perform delete operation because following scope(s) are locked: "
                    + "'fault-rg'",
            // a 400 is fatal for a create or update, but a deletion has no spec change to wait for
            "400, InUseNetworkSecurityGroupCannotBeDeleted, Network security group nsg cannot be deleted because "
                    + "it is in use by the following resources",
    })
    void permanentDeleteErrorIsShownAndDetachReleasesTheResource(int status, String code, String message)
            throws InterruptedException {
        String name = "nsg-" + code.toLowerCase();
        h.apply(Specs.nsg(name, null));
        h.awaitSucceeded("NetworkSecurityGroup", "default", name, 1);
        h.emulator.failNext("DELETE", "/networkSecurityGroups/" + name + "$", status, code, message, 10_000);

        h.resource("NetworkSecurityGroup", "default", name).delete();
        Condition c = h.awaitReady("NetworkSecurityGroup", "default", name, r -> code.equals(r.reason()));
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.message()).contains(message.substring(0, 30));
        assertThat(h.resource("NetworkSecurityGroup", "default", name).get().getMetadata().getFinalizers())
                .as("Azure still has it: the finalizer stays").isNotEmpty();
        Thread.sleep(1500);
        int deletes = h.requests("DELETE", "/networkSecurityGroups/" + name).size();
        assertThat(deletes).as("retries back off (base 200ms, cap 2s), no storm").isBetween(2, 8);

        Specs.setPolicy(h, "NetworkSecurityGroup", name, "detach-on-delete");
        h.awaitGone("NetworkSecurityGroup", "default", name);
        assertThat(h.emulator.resource(Specs.nsgId(name))).as("detached: Azure left alone").isPresent();
        assertThat(h.requests("DELETE", "/networkSecurityGroups/" + name)).hasSizeLessThanOrEqualTo(deletes + 1);
        Invariants.check(h, List.of(Tracked.detachedAfterFailedDelete("NetworkSecurityGroup", name,
                Specs.nsgId(name))), List.of(Specs.RG_ID));
    }

    @Test
    void aDeleteOperationThatKeepsFailingShowsTheOperationError() {
        String name = "nsg-opfail";
        h.apply(Specs.nsg(name, null));
        h.awaitSucceeded("NetworkSecurityGroup", "default", name, 1);
        h.emulator.failNextOperation("/networkSecurityGroups/" + name + "$", "Failed", "ScopeLocked",
                "The scope 'fault-rg' is locked and cannot be deleted.", 10_000);

        h.resource("NetworkSecurityGroup", "default", name).delete();
        Condition c = h.awaitReady("NetworkSecurityGroup", "default", name, r -> "ScopeLocked".equals(r.reason()));
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.message()).contains("is locked");
        assertThat(c.severity()).isNotEqualTo(Condition.Severity.Info);
    }

    @Test
    void aDeleteOperationThatKeepsFailingIsReleasedByDetachOnDelete() throws InterruptedException {
        String name = "nsg-opfail2";
        h.apply(Specs.nsg(name, null));
        h.awaitSucceeded("NetworkSecurityGroup", "default", name, 1);
        h.emulator.failNextOperation("/networkSecurityGroups/" + name + "$", "Failed", "ScopeLocked",
                "The scope 'fault-rg' is locked and cannot be deleted.", 10_000);
        h.resource("NetworkSecurityGroup", "default", name).delete();
        OperatorHarness.awaitTrue("a delete operation failed", () ->
                h.requests("DELETE", "/networkSecurityGroups/" + name).size() >= 2, () -> "fewer than 2 DELETEs");
        Condition c = h.ready("NetworkSecurityGroup", "default", name).orElseThrow();
        assertThat(c.status()).as("never Ready while the delete fails").isEqualTo("False");

        Specs.setPolicy(h, "NetworkSecurityGroup", name, "detach-on-delete");
        h.awaitGone("NetworkSecurityGroup", "default", name);
        assertThat(h.emulator.resource(Specs.nsgId(name))).isPresent();
    }

    @Test
    void aDeleteUnderAnInvalidPolicyIsShownAndFixingThePolicyReleasesIt() {
        String name = "nsg-badpolicy";
        h.apply(Specs.nsg(name, null));
        h.awaitSucceeded("NetworkSecurityGroup", "default", name, 1);
        Specs.setPolicy(h, "NetworkSecurityGroup", name, "keep-please");
        h.resource("NetworkSecurityGroup", "default", name).delete();
        Condition c = h.awaitReady("NetworkSecurityGroup", "default", name,
                r -> r.message() != null && r.message().contains("keep-please"));
        assertThat(c.status()).isEqualTo("False");
        assertThat(c.severity()).isEqualTo(Condition.Severity.Error);
        assertThat(h.requests("DELETE", "/networkSecurityGroups/" + name)).isEmpty();

        Specs.setPolicy(h, "NetworkSecurityGroup", name, "detach-on-delete");
        h.awaitGone("NetworkSecurityGroup", "default", name);
        assertThat(h.emulator.resource(Specs.nsgId(name))).isPresent();
    }
}
