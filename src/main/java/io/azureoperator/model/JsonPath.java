package io.azureoperator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A tiny path language over JSON: {@code a.b.c}, and {@code list[field=value]} to pick the array item whose
 * {@code field} equals {@code value} (e.g. {@code keys[keyName=key1].value}).
 */
public final class JsonPath {
    private JsonPath() {
    }

    public static Optional<Object> get(JsonObject root, String path) {
        Object current = root;
        for (String segment : path.split("\\.")) {
            String field = segment;
            String matchField = null;
            String matchValue = null;
            int bracket = segment.indexOf('[');
            if (bracket > 0 && segment.endsWith("]")) {
                field = segment.substring(0, bracket);
                String[] eq = segment.substring(bracket + 1, segment.length() - 1).split("=", 2);
                if (eq.length != 2) {
                    throw new IllegalArgumentException("bad path segment '" + segment + "' in " + path);
                }
                matchField = eq[0];
                matchValue = eq[1];
            }
            if (!(current instanceof JsonObject o)) {
                return Optional.empty();
            }
            current = o.getValue(field);
            if (matchField != null) {
                if (!(current instanceof JsonArray a)) {
                    return Optional.empty();
                }
                Object found = null;
                for (Object item : a) {
                    if (item instanceof JsonObject j && matchValue.equalsIgnoreCase(String.valueOf(j.getValue(matchField)))) {
                        found = j;
                        break;
                    }
                }
                current = found;
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /**
     * Sets the value at a dotted path of plain field names (no {@code [field=value]}), making the objects on the way;
     * a null value removes it.
     */
    public static void set(JsonObject root, String path, Object value) {
        String[] fields = path.split("\\.");
        JsonObject at = root;
        for (int i = 0; i < fields.length - 1; i++) {
            JsonObject next = at.getValue(fields[i]) instanceof JsonObject o ? o : null;
            if (next == null) {
                if (value == null) {
                    return;
                }
                next = new JsonObject();
                at.put(fields[i], next);
            }
            at = next;
        }
        if (value == null) {
            at.remove(fields[fields.length - 1]);
        } else {
            at.put(fields[fields.length - 1], value);
        }
    }
}
