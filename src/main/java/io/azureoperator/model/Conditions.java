package io.azureoperator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Reads and replaces conditions in a {@code status.conditions} array. */
public final class Conditions {
    private Conditions() {
    }

    public static Optional<Condition> find(JsonArray conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        for (Object o : conditions) {
            if (o instanceof JsonObject j && type.equals(j.getString("type"))) {
                return Optional.of(Condition.fromJson(j));
            }
        }
        return Optional.empty();
    }

    /** A copy of {@code conditions} with {@code c} in place of any condition of the same type. */
    public static JsonArray replace(JsonArray conditions, Condition c) {
        JsonArray out = new JsonArray();
        boolean placed = false;
        if (conditions != null) {
            for (Object o : conditions) {
                if (o instanceof JsonObject j && c.type().equals(j.getString("type"))) {
                    if (!placed) {
                        out.add(c.toJson());
                        placed = true;
                    }
                } else {
                    out.add(o);
                }
            }
        }
        if (!placed) {
            out.add(c.toJson());
        }
        return out;
    }
}
