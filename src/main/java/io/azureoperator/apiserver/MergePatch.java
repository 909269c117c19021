package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * JSON merge patch (RFC 7386): objects merge key by key, {@code null} deletes a key, anything else (arrays
 * included) replaces the target value whole.
 *
 * <p>Also used for {@code application/strategic-merge-patch+json}. A real API server merges some lists of
 * built-in types by key (e.g. a pod's containers by name) and honours {@code $patch} directives; custom
 * resources have no such keys, so for them strategic merge is exactly this.
 */
final class MergePatch {
    private MergePatch() {
    }

    static JsonObject apply(JsonObject target, JsonObject patch) {
        return (JsonObject) merge(target, patch);
    }

    private static Object merge(Object target, Object patch) {
        if (!(patch instanceof JsonObject p)) {
            return copy(patch);
        }
        JsonObject out = target instanceof JsonObject t ? t.copy() : new JsonObject();
        for (String name : p.fieldNames()) {
            Object value = p.getValue(name);
            if (value == null) {
                out.remove(name);
            } else {
                out.put(name, merge(out.getValue(name), value));
            }
        }
        return out;
    }

    static Object copy(Object value) {
        if (value instanceof JsonObject o) {
            return o.copy();
        }
        if (value instanceof JsonArray a) {
            return a.copy();
        }
        return value;
    }
}
