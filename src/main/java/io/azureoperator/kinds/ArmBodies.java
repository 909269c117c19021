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
        if (!properties.isEmpty()) {
            body.put("properties", properties);
        }
        return body;
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
