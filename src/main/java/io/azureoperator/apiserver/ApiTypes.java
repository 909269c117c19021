package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The types served: the built-in ones the operator uses, plus one per served version of each CRD stored. */
final class ApiTypes {
    private final Map<String, ApiType> byPath = new ConcurrentHashMap<>();

    static ApiTypes builtIn() {
        ApiTypes t = new ApiTypes();
        t.register(List.of(
                new ApiType("", "v1", "namespaces", "Namespace", false, true, false),
                new ApiType("", "v1", "secrets", "Secret", true, false, false),
                new ApiType("", "v1", "configmaps", "ConfigMap", true, false, false),
                new ApiType("", "v1", "events", "Event", true, false, false),
                new ApiType("events.k8s.io", "v1", "events", "Event", true, false, false),
                new ApiType("coordination.k8s.io", "v1", "leases", "Lease", true, false, false),
                new ApiType(ApiType.CRD_GROUP, "v1", ApiType.CRD_PLURAL, "CustomResourceDefinition", false, true,
                        true)));
        return t;
    }

    Optional<ApiType> find(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(group + "/" + version + "/" + plural));
    }

    Optional<ApiType> findKind(String apiVersion, String kind) {
        return byPath.values().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    Collection<ApiType> all() {
        return List.copyOf(byPath.values());
    }

    void register(List<ApiType> types) {
        types.forEach(t -> byPath.put(t.group() + "/" + t.version() + "/" + t.plural(), t));
    }

    /** Forgets every version of a CRD's type. */
    void unregister(String group, String plural) {
        byPath.values().removeIf(t -> t.group().equals(group) && t.plural().equals(plural));
    }

    /** The types a CRD object defines: one per served version. */
    static List<ApiType> fromCrd(JsonObject crd) {
        JsonObject spec = crd.getJsonObject("spec", new JsonObject());
        JsonObject names = spec.getJsonObject("names", new JsonObject());
        String group = spec.getString("group");
        String plural = names.getString("plural");
        String kind = names.getString("kind");
        if (group == null || plural == null || kind == null) {
            throw StatusBodies.badRequest("CustomResourceDefinition needs spec.group, spec.names.plural and "
                    + "spec.names.kind");
        }
        boolean namespaced = !"Cluster".equals(spec.getString("scope"));
        List<ApiType> types = new ArrayList<>();
        for (Object v : spec.getJsonArray("versions", new JsonArray())) {
            JsonObject version = (JsonObject) v;
            if (!version.getBoolean("served", true)) {
                continue;
            }
            boolean status = version.getJsonObject("subresources", new JsonObject()).containsKey("status");
            types.add(new ApiType(group, version.getString("name"), plural, kind, namespaced, status, true));
        }
        return types;
    }

    /** The status a real API server gives a CRD it accepted. */
    static JsonObject acceptedStatus(JsonObject crd, String now) {
        JsonObject names = crd.getJsonObject("spec").getJsonObject("names");
        JsonArray conditions = new JsonArray()
                .add(condition("NamesAccepted", "NoConflicts", "no conflicts found", now))
                .add(condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        JsonArray stored = new JsonArray();
        crd.getJsonObject("spec").getJsonArray("versions", new JsonArray()).stream().map(v -> (JsonObject) v)
                .filter(v -> v.getBoolean("storage", false)).forEach(v -> stored.add(v.getString("name")));
        return new JsonObject().put("conditions", conditions).put("acceptedNames", names.copy())
                .put("storedVersions", stored);
    }

    private static JsonObject condition(String type, String reason, String message, String now) {
        return new JsonObject().put("type", type).put("status", "True").put("reason", reason).put("message", message)
                .put("lastTransitionTime", now);
    }
}
