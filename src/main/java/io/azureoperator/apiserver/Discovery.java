package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The discovery documents clients read before talking about a type: /version, /api, /apis, /api/v1, /apis/g/v. */
final class Discovery {
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private Discovery() {
    }

    static JsonObject version() {
        return new JsonObject().put("major", "1").put("minor", "31").put("gitVersion", "v1.31.0-inmemory")
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2024-08-13T00:00:00Z")
                .put("goVersion", "go1.22").put("compiler", "gc").put("platform", "linux/amd64");
    }

    static JsonObject coreVersions(String serverAddress) {
        return new JsonObject().put("kind", "APIVersions").put("versions", new JsonArray().add("v1"))
                .put("serverAddressByClientCIDRs", new JsonArray().add(new JsonObject()
                        .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress)));
    }

    static JsonObject groups(Collection<ApiType> types) {
        Map<String, TreeSet<String>> versions = new TreeMap<>();
        types.stream().filter(t -> !t.group().isEmpty())
                .forEach(t -> versions.computeIfAbsent(t.group(), g -> new TreeSet<>(Comparator.reverseOrder()))
                        .add(t.version()));
        JsonArray groups = new JsonArray();
        versions.forEach((group, vs) -> {
            JsonArray list = new JsonArray();
            vs.forEach(v -> list.add(groupVersion(group, v)));
            groups.add(new JsonObject().put("name", group).put("versions", list)
                    .put("preferredVersion", groupVersion(group, vs.first())));
        });
        return new JsonObject().put("kind", "APIGroupList").put("apiVersion", "v1").put("groups", groups);
    }

    /** The APIResourceList of one group/version (the core group is ""), or null when nothing is served there. */
    static JsonObject resources(Collection<ApiType> types, String group, String version) {
        List<ApiType> served = types.stream().filter(t -> t.group().equals(group) && t.version().equals(version))
                .sorted(Comparator.comparing(ApiType::plural)).toList();
        if (served.isEmpty()) {
            return null;
        }
        JsonArray resources = new JsonArray();
        for (ApiType t : served) {
            resources.add(new JsonObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind()).put("verbs", new JsonArray(VERBS)));
            if (t.statusSubresource()) {
                resources.add(new JsonObject().put("name", t.plural() + "/status").put("singularName", "")
                        .put("namespaced", t.namespaced()).put("kind", t.kind())
                        .put("verbs", new JsonArray().add("get").add("patch").add("update")));
            }
        }
        return new JsonObject().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version).put("resources", resources);
    }

    private static JsonObject groupVersion(String group, String version) {
        return new JsonObject().put("groupVersion", group + "/" + version).put("version", version);
    }
}
