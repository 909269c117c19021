package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

/** Small JSON helpers: dotted paths, default merging and JSON merge patch. */
final class JsonTools {

    private JsonTools() {
    }

    /** Value at a dotted path such as {@code properties.resourceGuid}, or null. */
    static Object get(JsonObject json, String dottedPath) {
        Object current = json;
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof JsonObject o)) {
                return null;
            }
            current = o.getValue(part);
        }
        return current;
    }

    /** Sets a value at a dotted path, creating intermediate objects. */
    static void put(JsonObject json, String dottedPath, Object value) {
        String[] parts = dottedPath.split("\\.");
        JsonObject current = json;
        for (int i = 0; i < parts.length - 1; i++) {
            current = objectAt(current, parts[i]);
        }
        current.put(parts[parts.length - 1], value);
    }

    /** The object under {@code key}, created (or replacing a null/non-object) when needed. */
    static JsonObject objectAt(JsonObject json, String key) {
        Object value = json.getValue(key);
        if (value instanceof JsonObject o) {
            return o;
        }
        JsonObject created = new JsonObject();
        json.put(key, created);
        return created;
    }

    /** Copies every key of {@code defaults} that is absent or null in {@code target}; recurses into objects. */
    static void mergeMissing(JsonObject target, JsonObject defaults) {
        for (String key : defaults.fieldNames()) {
            Object def = defaults.getValue(key);
            Object current = target.getValue(key);
            if (current == null) {
                target.put(key, copy(def));
            } else if (current instanceof JsonObject c && def instanceof JsonObject d) {
                mergeMissing(c, d);
            }
        }
    }

    /** RFC 7386 JSON merge patch. */
    static void mergePatch(JsonObject target, JsonObject patch) {
        for (String key : patch.fieldNames()) {
            Object value = patch.getValue(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof JsonObject p && target.getValue(key) instanceof JsonObject t) {
                mergePatch(t, p);
            } else {
                target.put(key, copy(value));
            }
        }
    }

    static Object copy(Object value) {
        if (value instanceof JsonObject o) {
            return o.copy();
        }
        if (value instanceof io.vertx.core.json.JsonArray a) {
            return a.copy();
        }
        return value;
    }
}
