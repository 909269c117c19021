package io.azureoperator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.it.OperatorHarness;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random spec JSON (nested maps, lists, strings incl. huge, unicode, {@code ../} and {@code %2F}, numbers,
 * booleans, sometimes with real field names) applied to a kind: the kind keeps serving. Each random resource ends
 * with a Ready condition that says something (never left without one), and a well-formed sentinel of the same kind
 * created afterwards still becomes Ready. One harness serves all tries.
 */
class RandomSpecPropertyTest {
    private static Vertx vertx;
    private static OperatorHarness h;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeContainer
    static void start() {
        vertx = Vertx.vertx();
        h = OperatorHarness.start(vertx, KindRegistry.builtIn());
        Specs.seedResourceGroup(h);
        h.startOperator(Map.of());
    }

    @AfterContainer
    static void stop() {
        h.close();
        OperatorHarness.await(vertx.close());
    }

    @Provide
    Arbitrary<String> hostileStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars('a', 'Z', '/', '.', '%', '2', 'F', '\\', '?', '#').ofMaxLength(20),
                Arbitraries.of("../", "..", "%2F", "a%2F..%2Fb", "/subscriptions/x/resourceGroups/..", "", " ",
                        "\u0000", "名前", "westcentralus", Specs.RG_ID, "10.0.0.0/33"),
                Arbitraries.strings().alpha().ofLength(70_000).map(s -> s.substring(0, 70_000)));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.lazyOf(
                () -> hostileStrings().map(s -> (Object) s),
                () -> Arbitraries.integers().map(i -> (Object) i),
                () -> Arbitraries.doubles().map(d -> (Object) d),
                () -> Arbitraries.of(true, false).map(b -> (Object) b),
                () -> Arbitraries.just((Object) null),
                () -> values().list().ofMaxSize(3).map(l -> (Object) l),
                () -> maps(3).map(m -> (Object) m));
    }

    Arbitrary<Map<String, Object>> maps(int max) {
        Arbitrary<String> keys = Arbitraries.oneOf(hostileStrings().filter(k -> k.length() < 100),
                Arbitraries.of("azureName", "owner", "operatorSpec", "location", "tags", "addressSpace",
                        "reference", "armId", "name", "group", "kind", "namespace", "secrets", "configMaps",
                        "sku", "properties", "networkSecurityGroup"));
        return Arbitraries.maps(keys, values()).ofMaxSize(max).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<Map<String, Object>> specs() {
        return maps(6);
    }

    @Property(tries = 30, seed = "20251124")
    void theKindKeepsServing(@ForAll("specs") Map<String, Object> spec,
                             @ForAll("kinds") String kind) {
        String name = "fuzz-" + SEQ.incrementAndGet();
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion(kind));
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        r.getAdditionalProperties().put("spec", spec);
        h.user.genericKubernetesResources(h.kinds.all().stream().filter(k -> k.kind().equals(kind)).findFirst()
                .orElseThrow().context()).inNamespace("default").resource(r).create();

        Condition c = h.awaitReady(kind, "default", name, x -> x.reason() != null && !x.reason().isBlank()
                && !"Reconciling".equals(x.reason()));
        if (!c.isTrue()) {
            assertThat(c.message()).as("a non-Ready condition says why").isNotBlank();
        }

        String sentinel = "sentinel" + SEQ.get();
        h.apply(sentinel(kind, sentinel));
        h.awaitSucceeded(kind, "default", sentinel, 1);
        h.resource(kind, "default", name).delete();
        h.resource(kind, "default", sentinel).delete();
        h.awaitGone(kind, "default", sentinel);
        h.awaitGone(kind, "default", name);
        Optional<String> leftovers = h.emulator.resourceIds().stream().filter(id -> id.endsWith("/" + sentinel))
                .findFirst();
        assertThat(leftovers).as("sentinel deleted in Azure").isEmpty();
    }

    @Provide
    Arbitrary<String> kinds() {
        return Arbitraries.of("VirtualNetwork", "NetworkSecurityGroup", "StorageAccount", "UserAssignedIdentity");
    }

    private static String apiVersion(String kind) {
        return switch (kind) {
            case "StorageAccount" -> "storage.azure.com/v1api20230101";
            case "UserAssignedIdentity" -> "managedidentity.azure.com/v1api20230131";
            default -> "network.azure.com/v1api20201101";
        };
    }

    private static String sentinel(String kind, String name) {
        return switch (kind) {
            case "VirtualNetwork" -> Specs.vnet(name, null);
            case "NetworkSecurityGroup" -> Specs.nsg(name, null);
            case "StorageAccount" -> Specs.storage(name, null);
            default -> Specs.identity(name, null);
        };
    }
}
