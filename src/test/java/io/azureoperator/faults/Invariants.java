package io.azureoperator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kube.Annotations;
import io.azureoperator.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;

/**
 * The invariants every fault scenario must leave behind (issue item 2), checked in one place:
 * <ul>
 *   <li>each resource deleted under {@code manage} is gone from Azure and its CR is gone (no finalizer left);</li>
 *   <li>nothing under {@code skip} or {@code detach-on-delete} was deleted in Azure (no DELETE sent, none removed);</li>
 *   <li>no resource was created twice (the emulator's absent-to-present count);</li>
 *   <li>nothing leaked: every resource in Azure is a live CR's, a detached/skipped one's, or was seeded;</li>
 *   <li>every CR still there is Ready=True (reason Succeeded, current generation) or Ready=False with a reason
 *       and a message that say why.</li>
 * </ul>
 */
final class Invariants {

    /** How a scenario ended for one CR. */
    enum End { LIVE, DELETED }

    /**
     * One CR the scenario used.
     *
     * @param armId     the ARM ID it maps to
     * @param policy    manage, detach-on-delete or skip (as effective at the end)
     * @param end       whether the scenario deleted the CR
     * @param creations how many times the scenario legitimately made the resource appear in Azure (usually 1;
     *                  0 for skip; 2 when it deleted and re-created it)
     */
    record Tracked(String kind, String namespace, String name, String armId, String policy, End end, int creations) {
        static Tracked live(String kind, String name, String armId) {
            return new Tracked(kind, "default", name, armId, "manage", End.LIVE, 1);
        }

        static Tracked deleted(String kind, String name, String armId, String policy) {
            return new Tracked(kind, "default", name, armId, policy, End.DELETED, policy.equals("skip") ? 0 : 1);
        }

        Tracked withCreations(int n) {
            return new Tracked(kind, namespace, name, armId, policy, end, n);
        }

        /**
         * Deleted under manage, but the DELETE never succeeded and the user then switched the resource to
         * detach-on-delete: DELETEs were sent, but Azure must still have the resource.
         */
        static Tracked detachedAfterFailedDelete(String kind, String name, String armId) {
            return new Tracked(kind, "default", name, armId, SWITCHED_TO_DETACH, End.DELETED, 1);
        }

        Tracked withPolicy(String p) {
            return new Tracked(kind, namespace, name, armId, p, end, creations);
        }
    }

    static final String SWITCHED_TO_DETACH = "manage, then detach-on-delete";

    private Invariants() {
    }

    /**
     * Waits for deleted CRs to disappear, then asserts every invariant (all failures reported together).
     *
     * @param seeded ARM IDs the test itself put into Azure (the emulator), which may legitimately remain
     */
    static void check(OperatorHarness h, Collection<Tracked> crs, Collection<String> seeded) {
        for (Tracked t : crs) {
            if (t.end() == End.DELETED) {
                OperatorHarness.awaitTrue(t.kind() + " " + t.name() + " released (no finalizer left)",
                        () -> h.resource(t.kind(), t.namespace(), t.name()).get() == null,
                        () -> "still there: " + describe(h.resource(t.kind(), t.namespace(), t.name()).get()));
            }
        }
        for (Tracked t : crs) {
            if (t.end() == End.LIVE) {
                // Ready is recorded before the poller token is removed (the token must outlive an instance that
                // dies before observedGeneration is written), so the token goes a moment after Ready appears
                OperatorHarness.awaitTrue(t.kind() + " " + t.name() + ": no operation left in flight",
                        () -> pollerToken(h, t).isEmpty(), () -> "token: " + pollerToken(h, t));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        List<RecordedRequest> requests = h.emulator.requests();
        Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        seeded.forEach(allowed::add);
        for (Tracked t : crs) {
            String what = t.kind() + " " + t.namespace() + "/" + t.name() + " (" + t.policy() + ", " + t.end() + ")";
            boolean deletesInAzure = t.policy().equals("manage");
            if (t.end() == End.DELETED && deletesInAzure) {
                soft.assertThat(h.emulator.resource(t.armId())).as(what + ": gone from Azure").isEmpty();
            }
            if (!deletesInAzure) {
                if (!t.policy().equals(SWITCHED_TO_DETACH)) {
                    soft.assertThat(deletesOf(requests, t.armId())).as(what + ": no DELETE sent").isEmpty();
                }
                soft.assertThat(h.emulator.deletions(t.armId())).as(what + ": never removed from Azure").isZero();
                if (!t.policy().equals("skip") || h.emulator.creations(t.armId()) > 0) {
                    allowed.add(t.armId());
                }
            }
            if (t.end() == End.LIVE) {
                allowed.add(t.armId());
            }
            soft.assertThat(h.emulator.creations(t.armId()) - (seeded.stream().anyMatch(t.armId()::equalsIgnoreCase)
                    ? 1 : 0)).as(what + ": times created in Azure").isLessThanOrEqualTo(t.creations());
            if (t.end() == End.LIVE) {
                GenericKubernetesResource r = h.resource(t.kind(), t.namespace(), t.name()).get();
                soft.assertThat(r).as(what + ": CR exists").isNotNull();
                if (r == null) {
                    continue;
                }
                Optional<Condition> ready = h.ready(t.kind(), t.namespace(), t.name());
                soft.assertThat(ready).as(what + ": has a Ready condition").isPresent();
                ready.ifPresent(c -> {
                    if (c.isTrue()) {
                        soft.assertThat(c.reason()).as(what + ": Ready=True reason").isEqualTo("Succeeded");
                        soft.assertThat(c.observedGeneration()).as(what + ": Ready=True is for the current spec")
                                .isEqualTo(r.getMetadata().getGeneration());
                    } else {
                        soft.assertThat(c.reason()).as(what + ": Ready=False says why (reason)").isNotBlank();
                        soft.assertThat(c.message()).as(what + ": Ready=False says why (message)").isNotBlank();
                    }
                });
            }
        }
        List<String> leaked = new ArrayList<>();
        for (String id : h.emulator.resourceIds()) {
            if (!allowed.contains(id) && allowed.stream().noneMatch(a -> isUnder(id, a))) {
                leaked.add(id);
            }
        }
        soft.assertThat(leaked).as("resources in Azure that no CR or seed accounts for (leaks)").isEmpty();
        soft.assertAll();
    }

    /**
     * Resources nested under an allowed resource (not merely inside an allowed resource group), e.g. VNet subnets
     * Azure created from the VNet's own PUT, are accounted for.
     */
    private static boolean isUnder(String id, String parent) {
        return parent.toLowerCase(Locale.ROOT).contains("/providers/")
                && id.toLowerCase(Locale.ROOT).startsWith(parent.toLowerCase(Locale.ROOT) + "/");
    }

    private static Optional<String> pollerToken(OperatorHarness h, Tracked t) {
        GenericKubernetesResource r = h.resource(t.kind(), t.namespace(), t.name()).get();
        return Optional.ofNullable(r).map(x -> x.getMetadata().getAnnotations())
                .map(a -> a.get(Annotations.POLLER_RESUME_TOKEN));
    }

    static List<RecordedRequest> deletesOf(List<RecordedRequest> requests, String armId) {
        return requests.stream().filter(r -> r.method().equals("DELETE") && r.path().equalsIgnoreCase(armId)).toList();
    }

    private static String describe(GenericKubernetesResource r) {
        if (r == null) {
            return "gone";
        }
        return "finalizers=" + r.getMetadata().getFinalizers() + " deletionTimestamp="
                + r.getMetadata().getDeletionTimestamp() + " annotations=" + r.getMetadata().getAnnotations()
                + " status=" + r.getAdditionalProperties().get("status");
    }
}
