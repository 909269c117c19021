package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.MutableClock;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.budget.Budget;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.ArmId;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** List mode's snapshots against the emulator: every page followed by nextLink, kept for maxAge, written() evicts. */
@ExtendWith(VertxExtension.class)
class ListSnapshotsTest {
    private static final String RG = "/subscriptions/00000000-0000-4000-8000-00000000115a/resourceGroups/rg";
    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final KindDescriptor vnets = KindRegistry.builtIn().find("network.azure.com", "VirtualNetwork")
            .orElseThrow();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ArmEmulator emulator;
    private WebClient web;
    private ArmClient arm;
    private ListSnapshots lists;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        emulator = new ArmEmulator(vertx);
        emulator.start(0).await(10, TimeUnit.SECONDS);
        emulator.setPageSize(1);
        emulator.seed(RG, new JsonObject().put("location", "westus"));
        for (String name : new String[] {"a", "b", "c"}) {
            emulator.seed(vnet(name).toString(), new JsonObject().put("location", "westus").put("properties",
                    new JsonObject().put("addressSpace", new JsonObject().put("addressPrefixes",
                            new JsonArray().add("10.0.0.0/16")))));
        }
        web = WebClient.create(vertx);
        arm = new ArmClient(web, emulator.baseUrl(), TokenSource.fixed("t"), Budget.unlimited());
        lists = new ListSnapshots(vnets, MAX_AGE, clock);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        emulator.stop().await(10, TimeUnit.SECONDS);
    }

    private static ArmId vnet(String name) {
        return ArmId.parse(RG + "/providers/Microsoft.Network/virtualNetworks/" + name);
    }

    private Optional<JsonObject> lookup(String name) throws Exception {
        return lists.lookup(arm, vnet(name)).await(10, TimeUnit.SECONDS);
    }

    private long listRequests() {
        return emulator.requests().stream().filter(r -> r.method().equals("GET")
                && r.path().toLowerCase().endsWith("/providers/microsoft.network/virtualnetworks")).count();
    }

    @Test
    void oneListOfEveryPageServesTheScopeUntilItIsOld() throws Exception {
        assertThat(lookup("a")).hasValueSatisfying(v -> assertThat(v.getString("name")).isEqualTo("a"));
        assertThat(listRequests()).as("three pages of one").isEqualTo(3);
        assertThat(lookup("c")).hasValueSatisfying(v -> assertThat(v.getString("name")).isEqualTo("c"));
        assertThat(lookup("b")).isPresent();
        assertThat(lookup("missing")).isEmpty();
        assertThat(listRequests()).as("served from the snapshot").isEqualTo(3);

        clock.advance(MAX_AGE);
        assertThat(lookup("b")).isPresent();
        assertThat(listRequests()).as("a new snapshot once the old one is maxAge old").isEqualTo(6);
    }

    @Test
    void aWrittenResourceIsReadAgainNotTakenFromTheSnapshot() throws Exception {
        assertThat(lookup("a")).isPresent();
        lists.written(vnet("b"));
        assertThat(lookup("b")).as("its entry predates the write").isEmpty();
        assertThat(lookup("a")).isPresent();
        assertThat(lookup("c")).isPresent();
        assertThat(listRequests()).isEqualTo(3);
    }
}
