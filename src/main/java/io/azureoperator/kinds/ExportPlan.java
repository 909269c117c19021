package io.azureoperator.kinds;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resource's {@code operatorSpec.secrets} and {@code operatorSpec.configMaps} ask for, validated
 * against the kind's exports: one {@link Target} per Secret or ConfigMap, with the keys to write.
 */
public record ExportPlan(List<Target> targets) {

    /** One Secret or ConfigMap: {@code key → export name}. */
    public record Target(boolean secret, String name, Map<String, String> keys) {
        public String objectKind() {
            return secret ? "Secret" : "ConfigMap";
        }
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    /** Parses {@code operatorSpec}; throws IllegalArgumentException with a user-facing message when invalid. */
    public static ExportPlan of(KindDescriptor kind, JsonObject spec) {
        Object operatorSpec = spec.getValue("operatorSpec");
        if (operatorSpec == null) {
            return new ExportPlan(List.of());
        }
        if (!(operatorSpec instanceof JsonObject os)) {
            throw new IllegalArgumentException("spec.operatorSpec must be an object");
        }
        List<Target> targets = new ArrayList<>();
        targets.addAll(section(kind, os, "secrets", true));
        targets.addAll(section(kind, os, "configMaps", false));
        return new ExportPlan(targets);
    }

    private static List<Target> section(KindDescriptor kind, JsonObject operatorSpec, String field, boolean secret) {
        Object value = operatorSpec.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonObject section)) {
            throw new IllegalArgumentException("spec.operatorSpec." + field + " must be an object");
        }
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String export : section.fieldNames()) {
            String where = "spec.operatorSpec." + field + "." + export;
            ExportSource source = kind.exports().get(export);
            if (source == null) {
                throw new IllegalArgumentException(where + ": " + kind.kind() + " has no value '" + export + "'"
                        + (kind.exports().isEmpty() ? "" : " (it has " + String.join(", ",
                        kind.exports().keySet().stream().sorted().toList()) + ")"));
            }
            if (source.fromAction() && !secret) {
                throw new IllegalArgumentException(where + " is a secret; export it under operatorSpec.secrets");
            }
            if (!(section.getValue(export) instanceof JsonObject dest)
                    || !(dest.getValue("name") instanceof String name) || !(dest.getValue("key") instanceof String key)
                    || name.isBlank() || key.isBlank()) {
                throw new IllegalArgumentException(where + " needs {name, key}");
            }
            if (!name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                throw new IllegalArgumentException(where + ".name '" + name + "' is not a valid object name");
            }
            if (!key.matches("[-._a-zA-Z0-9]{1,253}")) {
                throw new IllegalArgumentException(where + ".key '" + key + "' is not a valid key");
            }
            String previous = byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, export);
            if (previous != null) {
                throw new IllegalArgumentException(where + ": key '" + key + "' of " + name + " is already used by "
                        + previous);
            }
        }
        List<Target> out = new ArrayList<>();
        byName.forEach((name, keys) -> out.add(new Target(secret, name, Map.copyOf(keys))));
        return out;
    }
}
