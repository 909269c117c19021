package io.azureoperator.kinds;

import io.vertx.core.json.JsonObject;

/** Maps between a kind's spec/status and ARM bodies: envelope fields at the top, the rest under properties. */
public final class ArmBodies {
    private ArmBodies() {
    }

    /** The ARM PUT body for {@code spec}: no Kubernetes-only fields, envelope fields on top, the rest in properties. */
    public static JsonObject fromSpec(KindDescriptor kind, JsonObject spec) {
        JsonObject body = new JsonObject();
        JsonObject properties = new JsonObject();
        for (String field : spec.fieldNames()) {
            if (KindDescriptor.KUBERNETES_ONLY.contains(field)) {
                continue;
            }
            Object value = spec.getValue(field);
            if (value == null) {
                continue;
            }
            (kind.envelope().contains(field) ? body : properties).put(field, copy(value));
        }
        for (KindDescriptor.NestedProperties nested : kind.nestedProperties()) {
            nest(kind.envelope().contains(nested.path().split("[.\\[]")[0]) ? body : properties,
                    nested.path().split("\\."), 0, nested.fields());
        }
        if (!properties.isEmpty()) {
            body.put("properties", properties);
        }
        return body;
    }

    /** Moves {@code fields} of the object(s) at {@code path[i..]} under their own {@code properties}. */
    private static void nest(JsonObject node, String[] path, int i, java.util.List<String> fields) {
        boolean each = path[i].endsWith("[]");
        String field = each ? path[i].substring(0, path[i].length() - 2) : path[i];
        Object value = node.getValue(field);
        java.util.List<Object> targets = each && value instanceof io.vertx.core.json.JsonArray a ? a.getList()
                : value == null ? java.util.List.of() : java.util.List.of(value);
        for (Object t : targets) {
            JsonObject target = t instanceof JsonObject o ? o
                    : t instanceof java.util.Map<?, ?> m ? new JsonObject((java.util.Map<String, Object>) m) : null;
            if (target == null) {
                continue;
            }
            if (i + 1 < path.length) {
                nest(target, path, i + 1, fields);
                continue;
            }
            JsonObject props = target.getJsonObject("properties", new JsonObject());
            for (String f : fields) {
                if (target.containsKey(f)) {
                    props.put(f, target.remove(f));
                }
            }
            if (!props.isEmpty()) {
                target.put("properties", props);
            }
        }
    }

    /** Copies each of {@code paths} (dotted, e.g. {@code properties.subnets}) from {@code actual} into {@code body}. */
    public static JsonObject preserve(JsonObject body, JsonObject actual, java.util.List<String> paths) {
        JsonObject out = body.copy();
        for (String path : paths) {
            String[] p = path.split("\\.");
            Object value = io.azureoperator.model.JsonPath.get(actual, path).orElse(null);
            if (value == null) {
                continue;
            }
            JsonObject target = out;
            for (int i = 0; i < p.length - 1; i++) {
                JsonObject next = target.getValue(p[i]) instanceof JsonObject o ? o : new JsonObject();
                target.put(p[i], next);
                target = next;
            }
            if (!target.containsKey(p[p.length - 1])) {
                target.put(p[p.length - 1], copy(value));
            }
        }
        return out;
    }

    /** The status mirror of an ARM resource: its top-level fields with {@code properties} flattened into them. */
    public static JsonObject toStatus(JsonObject armResource) {
        JsonObject status = new JsonObject();
        JsonObject properties = armResource.getJsonObject("properties", new JsonObject());
        for (String field : armResource.fieldNames()) {
            if (!field.equals("properties")) {
                status.put(field, copy(armResource.getValue(field)));
            }
        }
        for (String field : properties.fieldNames()) {
            if (!status.containsKey(field)) {
                status.put(field, copy(properties.getValue(field)));
            }
        }
        return status;
    }

    private static Object copy(Object v) {
        if (v instanceof JsonObject j) {
            return j.copy();
        }
        if (v instanceof io.vertx.core.json.JsonArray a) {
            return a.copy();
        }
        return v;
    }
}
