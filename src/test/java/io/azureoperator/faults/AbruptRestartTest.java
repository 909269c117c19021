package io.azureoperator.faults;

import static io.azureoperator.faults.Invariants.Tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Operator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator is stopped abruptly at each step of a create, an update and a delete (its in-flight ARM request is
 * cut off: the emulator holds the answer, or the operation, while the instance is stopped), and a fresh instance
 * takes over. It must converge without creating the resource twice, without re-sending a request whose operation
 * it can poll, and without leaving a finalizer or a poller-resume-token behind.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class AbruptRestartTest {
    private static final String NAME = "nsg-restart";
    private static final String PATH = Specs.nsgId(NAME) + "$";
    private static final Duration LONG = Duration.ofSeconds(8);

    enum Phase { CREATE, UPDATE, DELETE }

    /** Where the first instance dies; {@code resent} = the fresh instance must send the write again. */
    enum Step {
        CREATE_PUT_NEVER_REACHED_ARM(Phase.CREATE, true),
        CREATE_PUT_APPLIED_ANSWER_LOST(Phase.CREATE, true),
        CREATE_OPERATION_RUNNING(Phase.CREATE, false),
        CREATE_OPERATION_DONE_ANSWER_LOST(Phase.CREATE, false),
        /* The token stays until the final GET is recorded: a fresh instance polls the finished operation. */
        CREATE_FINAL_GET_LOST(Phase.CREATE, false),
        UPDATE_PUT_NEVER_REACHED_ARM(Phase.UPDATE, true),
        UPDATE_PUT_APPLIED_ANSWER_LOST(Phase.UPDATE, true),
        UPDATE_OPERATION_RUNNING(Phase.UPDATE, false),
        UPDATE_OPERATION_DONE_ANSWER_LOST(Phase.UPDATE, false),
        DELETE_NEVER_REACHED_ARM(Phase.DELETE, true),
        DELETE_APPLIED_ANSWER_LOST(Phase.DELETE, true),
        DELETE_OPERATION_RUNNING(Phase.DELETE, false),
        DELETE_OPERATION_DONE_ANSWER_LOST(Phase.DELETE, false);

        final Phase phase;
        final boolean resent;

        Step(Phase phase, boolean resent) {
            this.phase = phase;
            this.resent = resent;
        }
    }

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

    @ParameterizedTest
    @EnumSource(Step.class)
    void aFreshInstanceTakesOverWithoutDuplicatesOrLeftovers(Step step) {
        Operator first = h.startOperator(Map.of());
        if (step.phase != Phase.CREATE) {
            h.apply(Specs.nsg(NAME, null));
            h.awaitSucceeded("NetworkSecurityGroup", "default", NAME, 1);
            h.emulator.clearRequests();
        }
        String method = step.phase == Phase.DELETE ? "DELETE" : "PUT";
        int before = h.emulator.requests().size();
        switch (step) {
            case CREATE_PUT_NEVER_REACHED_ARM, UPDATE_PUT_NEVER_REACHED_ARM, DELETE_NEVER_REACHED_ARM ->
                    h.emulator.hangNext(method, PATH, LONG, false, 1);
            case CREATE_PUT_APPLIED_ANSWER_LOST, UPDATE_PUT_APPLIED_ANSWER_LOST, DELETE_APPLIED_ANSWER_LOST ->
                    h.emulator.hangNext(method, PATH, LONG, true, 1);
            case CREATE_OPERATION_RUNNING, UPDATE_OPERATION_RUNNING, DELETE_OPERATION_RUNNING ->
                    h.emulator.holdOperations(true);
            case CREATE_OPERATION_DONE_ANSWER_LOST, UPDATE_OPERATION_DONE_ANSWER_LOST,
                 DELETE_OPERATION_DONE_ANSWER_LOST -> {
                h.emulator.setOperationPolls(0);
                h.emulator.hangNext("GET", "/operations/", LONG, true, 1);
            }
            case CREATE_FINAL_GET_LOST -> {
                h.emulator.setOperationPolls(0);
                h.emulator.hangNext("GET", PATH, LONG, false, 1);
            }
        }
        switch (step.phase) {
            case CREATE -> h.apply(Specs.nsg(NAME, null));
            case UPDATE -> Specs.tag(h, "NetworkSecurityGroup", NAME, "two");
            case DELETE -> h.resource("NetworkSecurityGroup", "default", NAME).delete();
        }
        String waitFor = switch (step) {
            case CREATE_OPERATION_RUNNING, UPDATE_OPERATION_RUNNING, DELETE_OPERATION_RUNNING -> "token";
            case CREATE_OPERATION_DONE_ANSWER_LOST, UPDATE_OPERATION_DONE_ANSWER_LOST,
                 DELETE_OPERATION_DONE_ANSWER_LOST -> "/operations/";
            case CREATE_FINAL_GET_LOST -> "GET";
            default -> method;
        };
        OperatorHarness.awaitTrue("the first instance reached " + step, () -> reached(waitFor, before),
                () -> "requests: " + h.emulator.requests().stream().map(r -> r.method() + " " + r.path()).toList());
        h.stopOperator(first);

        h.startOperator(Map.of());
        h.emulator.holdOperations(false);
        long generation = step.phase == Phase.UPDATE ? 2 : 1;
        Tracked tracked = step.phase == Phase.DELETE
                ? Tracked.deleted("NetworkSecurityGroup", NAME, Specs.nsgId(NAME), "manage")
                : Tracked.live("NetworkSecurityGroup", NAME, Specs.nsgId(NAME));
        if (step.phase != Phase.DELETE) {
            h.awaitSucceeded("NetworkSecurityGroup", "default", NAME, generation);
        }
        Invariants.check(h, List.of(tracked), List.of(Specs.RG_ID));

        List<RecordedRequest> writes = h.requests(method, "/networkSecurityGroups/" + NAME);
        if (step.resent) {
            assertThat(writes).as(method + "s sent (the lost one and the fresh instance's)").hasSize(2);
        } else {
            assertThat(writes).as(method + "s sent: the fresh instance polls the operation instead").hasSize(1);
        }
        if (step.phase == Phase.UPDATE) {
            assertThat(h.emulator.resource(Specs.nsgId(NAME)).orElseThrow().getJsonObject("tags").getString("v"))
                    .isEqualTo("two");
        }
    }

    private boolean reached(String what, int before) {
        List<RecordedRequest> all = h.emulator.requests();
        List<RecordedRequest> since = all.subList(Math.min(before, all.size()), all.size());
        return switch (what) {
            case "token" -> {
                GenericKubernetesResource r = h.resource("NetworkSecurityGroup", "default", NAME).get();
                yield r != null && r.getMetadata().getAnnotations() != null
                        && r.getMetadata().getAnnotations().containsKey(Annotations.POLLER_RESUME_TOKEN);
            }
            case "/operations/" -> since.stream().anyMatch(r -> r.path().contains("/operations/"));
            case "GET" -> since.stream().anyMatch(r -> r.method().equals("GET") && r.path().endsWith(NAME));
            default -> since.stream().anyMatch(r -> r.method().equals(what) && r.path().endsWith(NAME));
        };
    }
}
