package io.azureoperator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.apiserver.InMemoryApiServer;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.deploy.KubernetesCalls;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.lead.ElectionSettings;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kubernetes calls the operator really makes are the ones {@link KubernetesCalls} lists (and so the ones
 * k8s/rbac.yaml grants): on the in-memory API server, with leader election, a resource group and a storage
 * account exporting a secret and a config map, created and deleted. The test itself writes and reads without HTTP,
 * so every request the server logs is the operator's.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class ApiCallsTest {
    private static final String OWN_NAMESPACE = "azureserviceoperator-system";

    @Test
    void theOperatorMakesOnlyTheListedCallsAndNeedsEachOfThem(Vertx vertx) {
        try (OperatorHarness h = OperatorHarness.startOnApiServer(vertx, KindRegistry.builtIn())) {
            InMemoryApiServer api = h.apiServer();
            OperatorConfig config = h.config(Map.of("LEADER_ELECTION", "true", "POD_NAMESPACE", OWN_NAMESPACE));
            ElectionSettings election = ElectionSettings.defaults(OWN_NAMESPACE, "calls")
                    .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300));
            var operator = h.startOperator(config, "token", election);

            api.create(new JsonObject("""
                    {"apiVersion": "resources.azure.com/v1api20200601", "kind": "ResourceGroup",
                     "metadata": {"name": "calls-rg", "namespace": "default"}, "spec": {"location": "westcentralus"}}
                    """));
            api.create(new JsonObject("""
                    {"apiVersion": "storage.azure.com/v1api20230101", "kind": "StorageAccount",
                     "metadata": {"name": "callsstorage", "namespace": "default"},
                     "spec": {"location": "westcentralus", "owner": {"name": "calls-rg"}, "kind": "StorageV2",
                              "sku": {"name": "Standard_LRS"},
                              "operatorSpec": {"secrets": {"key1": {"name": "calls-keys", "key": "key1"}},
                                               "configMaps": {"blobEndpoint": {"name": "calls-endpoints",
                                                                               "key": "blob"}}}}}
                    """));
            awaitSucceeded(api, "storage.azure.com/v1api20230101", "storageaccounts", "callsstorage");
            OperatorHarness.awaitTrue("both exports written",
                    () -> api.get("v1", "secrets", "default", "calls-keys") != null
                            && api.get("v1", "configmaps", "default", "calls-endpoints") != null, () -> "");
            // a resource whose credential secret is missing: read, not found, reported
            api.create(new JsonObject("""
                    {"apiVersion": "resources.azure.com/v1api20200601", "kind": "ResourceGroup",
                     "metadata": {"name": "calls-rg-nocred", "namespace": "default",
                                  "annotations": {"serviceoperator.azure.com/credential-from": "missing"}},
                     "spec": {"location": "westcentralus"}}
                    """));
            OperatorHarness.awaitTrue("SecretNotFound", () -> ready(api, "resources.azure.com/v1api20200601",
                    "resourcegroups", "calls-rg-nocred").filter(c -> "SecretNotFound".equals(c.reason()))
                    .isPresent(), () -> "");
            api.delete("storage.azure.com/v1api20230101", "storageaccounts", "default", "callsstorage");
            OperatorHarness.awaitTrue("storage account deleted",
                    () -> api.get("storage.azure.com/v1api20230101", "storageaccounts", "default", "callsstorage")
                            == null, () -> "");
            OperatorHarness.awaitTrue("ledger written",
                    () -> api.get("v1", "configmaps", OWN_NAMESPACE,
                            "azure-operator-budget-" + OperatorHarness.SUBSCRIPTION) != null, () -> "");
            OperatorHarness.awaitTrue("lease renewed", () -> api.requestCount("PATCH", "/leases/") > 0, () -> "");
            h.stopOperator(operator);

            Set<String> observed = new TreeSet<>();
            for (String request : api.requests()) {
                observed.add(call(request));
            }
            Set<String> listed = KubernetesCalls.all(customResources(h.kinds)).stream()
                    .map(c -> key(c.group(), c.resource(), c.verb(), c.scope())).collect(Collectors.toCollection(TreeSet::new));
            assertThat(observed).as("calls the operator made that KubernetesCalls (and so rbac.yaml) lacks")
                    .isSubsetOf(listed);
            Set<String> unused = new TreeSet<>(listed);
            unused.removeAll(observed);
            // not requests of their own (authorization checks on ownerReferences), and the kinds this scenario
            // does not create; the update of an existing export only when ARM values change; a custom resource
            // read one by one only when the poller-resume-token's write met a conflict
            unused.removeIf(c -> c.contains("/finalizers ") || c.contains(" delete WATCHED")
                    || c.contains("secrets update") || c.contains("configmaps update WATCHED")
                    || c.contains(".azure.com ") && c.contains(" get WATCHED") || !usedKind(c));
            assertThat(unused).as("listed calls the scenario never saw the operator make").isEmpty();
        }
    }

    private static boolean usedKind(String call) {
        String group = call.split(" ")[0];
        String resource = call.split(" ")[1].split("/")[0];
        return !group.endsWith(".azure.com") || resource.equals("resourcegroups") || resource.equals("storageaccounts");
    }

    static Map<String, List<String>> customResources(KindRegistry kinds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (KindDescriptor k : kinds.all()) {
            out.computeIfAbsent(k.context().getGroup(), g -> new ArrayList<>()).add(k.context().getPlural());
        }
        return out;
    }

    private static String key(String group, String resource, String verb, KubernetesCalls.Scope scope) {
        return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb + " " + scope;
    }

    /** {@code METHOD uri} as group, resource[/subresource], verb and scope (the RBAC terms). */
    private static String call(String request) {
        String method = request.substring(0, request.indexOf(' '));
        URI uri = URI.create(request.substring(request.indexOf(' ') + 1));
        List<String> s = Arrays.stream(uri.getPath().split("/")).filter(x -> !x.isEmpty()).toList();
        String group = s.get(0).equals("api") ? "" : s.get(1);
        List<String> rest = s.subList(s.get(0).equals("api") ? 2 : 3, s.size());
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method;
        };
        KubernetesCalls.Scope scope = OWN_NAMESPACE.equals(namespace) ? KubernetesCalls.Scope.OPERATOR_NAMESPACE
                : KubernetesCalls.Scope.WATCHED_NAMESPACES;
        return key(group, resource, verb, scope);
    }

    private static Optional<Condition> ready(InMemoryApiServer api, String apiVersion, String plural, String name) {
        JsonObject o = api.get(apiVersion, plural, "default", name);
        JsonArray conditions = o == null ? null : o.getJsonObject("status", new JsonObject()).getJsonArray("conditions");
        return conditions == null ? Optional.empty() : Conditions.find(conditions, Condition.READY);
    }

    private static void awaitSucceeded(InMemoryApiServer api, String apiVersion, String plural, String name) {
        OperatorHarness.awaitTrue(plural + " " + name + " Ready", () -> ready(api, apiVersion, plural, name)
                .filter(Condition::isTrue).isPresent(), () -> "last: " + ready(api, apiVersion, plural, name));
    }
}
