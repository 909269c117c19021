package io.azureoperator.kinds;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a spec against its kind's CRD schema before any ARM request: types, required fields, enums,
 * patterns, lengths and the {@code cidr} format. A real API server enforces most of this at admission; the
 * operator checks again so nothing invalid reaches ARM whatever let it in. Unknown fields are the API
 * server's business (it prunes them) and are not reported by the operator's validator; {@link
 * #reportingUnknownFields()} reports them too (for manifests we ship, which must not rely on pruning).
 */
public final class SpecValidator {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private final Map<String, JSONSchemaProps> specSchemas = new ConcurrentHashMap<>();
    /** The schemas' patterns, compiled once (every run validates its spec). */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final boolean reportUnknown;

    public SpecValidator() {
        this(false);
    }

    private SpecValidator(boolean reportUnknown) {
        this.reportUnknown = reportUnknown;
    }

    /** A validator that also reports fields the schema does not have (which the API server would drop). */
    public static SpecValidator reportingUnknownFields() {
        return new SpecValidator(true);
    }

    /** Every problem with {@code spec}, each naming its field; empty when valid. */
    public List<String> validate(KindDescriptor kind, JsonObject spec) {
        List<String> errors = new ArrayList<>();
        check("spec", spec, specSchema(kind), errors);
        return errors;
    }

    /**
     * {@link #validate(KindDescriptor, JsonObject)}, plus the resource's Azure name when it is its metadata.name
     * (no spec.azureName): that name must follow the kind's azureName rules too (a storage account named
     * sample-storage cannot exist in Azure).
     */
    public List<String> validate(KindDescriptor kind, JsonObject spec, String metadataName) {
        List<String> errors = validate(kind, spec);
        Object azureName = spec.getValue("azureName");
        if (azureName == null || azureName instanceof String s && s.isBlank()) {
            JSONSchemaProps rules = specSchema(kind).getProperties().get("azureName");
            List<String> nameErrors = new ArrayList<>();
            check("metadata.name", metadataName, rules, nameErrors);
            nameErrors.forEach(e -> errors.add(e + " (metadata.name is the Azure name when spec.azureName is not "
                    + "set; set spec.azureName to a valid name)"));
        }
        return errors;
    }

    private JSONSchemaProps specSchema(KindDescriptor kind) {
        return specSchemas.computeIfAbsent(kind.id(), k -> CrdFactory.schema(kind).getProperties().get("spec"));
    }

    private void check(String path, Object value, JSONSchemaProps s, List<String> errors) {
        if (value == null || s == null) {
            return;
        }
        String type = s.getType();
        if (type != null && !hasType(type, value)) {
            errors.add(path + " must be " + (type.equals("object") || type.equals("array") ? "an " : "a ") + type);
            return;
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            List<String> allowed = s.getEnum().stream().map(e -> unquote(String.valueOf(e))).toList();
            if (!allowed.contains(String.valueOf(value))) {
                errors.add(path + " is '" + value + "'; allowed: " + String.join(", ", allowed));
            }
        }
        if (value instanceof String str) {
            if (s.getPattern() != null
                    && !patterns.computeIfAbsent(s.getPattern(), Pattern::compile).matcher(str).find()) {
                errors.add(path + " '" + str + "' does not match " + s.getPattern());
            }
            if (s.getMinLength() != null && str.length() < s.getMinLength()) {
                errors.add(path + " is shorter than " + s.getMinLength() + " characters");
            }
            if (s.getMaxLength() != null && str.length() > s.getMaxLength()) {
                errors.add(path + " is longer than " + s.getMaxLength() + " characters");
            }
            if ("cidr".equals(s.getFormat()) && !isCidr(str)) {
                errors.add(path + " '" + str + "' is not a CIDR block like 10.0.0.0/16");
            }
        }
        if (value instanceof JsonObject o) {
            if (s.getRequired() != null) {
                for (String r : s.getRequired()) {
                    if (o.getValue(r) == null) {
                        errors.add(path + "." + r + " is required");
                    }
                }
            }
            Map<String, JSONSchemaProps> props = s.getProperties() == null ? Map.of() : s.getProperties();
            JSONSchemaProps additional = s.getAdditionalProperties() == null ? null
                    : s.getAdditionalProperties().getSchema();
            for (String field : o.fieldNames()) {
                JSONSchemaProps child = props.getOrDefault(field, additional);
                if (child == null && reportUnknown && !Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())) {
                    errors.add(path + "." + field + " is not in the schema (the API server would drop it)");
                }
                check(path + "." + field, o.getValue(field), child, errors);
            }
        }
        if (value instanceof JsonArray a && s.getItems() != null && s.getItems().getSchema() != null) {
            for (int i = 0; i < a.size(); i++) {
                check(path + "[" + i + "]", a.getValue(i), s.getItems().getSchema(), errors);
            }
        }
    }

    private static boolean hasType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof JsonObject;
            case "array" -> value instanceof JsonArray;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "number" -> value instanceof Number;
            default -> true;
        };
    }

    /** {@code a.b.c.d/n} (n ≤ 32) or an IPv6 address with {@code /n} (n ≤ 128). */
    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1) {
            return false;
        }
        String address = s.substring(0, slash);
        int bits;
        try {
            bits = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        var v4 = IPV4.matcher(address);
        if (v4.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(v4.group(g)) > 255) {
                    return false;
                }
            }
            return bits >= 0 && bits <= 32;
        }
        if (!address.contains(":") || !address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(address); // literal only: no lookup for a string of hex digits and colons
            return bits >= 0 && bits <= 128;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
