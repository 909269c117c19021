package io.azureoperator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Does Azure differ from the desired state, and in which fields? Compares the ARM PUT body the operator would
 * send ({@code desired}) with the body of an ARM GET ({@code actual}) so the operator PUTs only on real drift.
 *
 * <p>Semantics (the rules for one type come from {@link DiffRules}):
 * <ul>
 *   <li>Only fields present (and not {@code null}) in {@code desired} are compared: a field the operator does not
 *       send is not managed, which covers server defaults and read-only fields. {@code null} in desired means
 *       "not managed", like absent.</li>
 *   <li>A desired field missing in Azure is drift, except that an empty object or array equals absent/null
 *       (tags {@code {}} vs absent, {@code ipTags: []}), and {@code ""} equals absent on the
 *       {@link DiffRules#blankEqualsAbsent()} paths.</li>
 *   <li>Strings: ARM resource IDs (starting {@code /subscriptions/}) compare case-insensitively everywhere;
 *       {@link DiffRules#locations()} compare after {@link #normalizeLocation}; {@link DiffRules#caseInsensitive()}
 *       paths ignore case; all other strings are exact.</li>
 *   <li>Numbers compare by value ({@code 30} equals {@code 30.0}); booleans exactly; a type change is drift.</li>
 *   <li>Objects recurse; extra keys in Azure are ignored, except in {@link DiffRules#exactMaps()} (tags) where
 *       an extra key is drift. Property names are looked up exactly, then ignoring case.</li>
 *   <li>Arrays are managed as a whole. Arrays of objects match items by a key ({@link DiffRules#arrayKeys()},
 *       else {@code name} when every desired item has a distinct one; item keys compare ignoring case), else
 *       as an unordered set of items; a missing or extra item is drift. Inside items matched by {@code name},
 *       the item's own {@code id} and ARM {@code type} (a value containing '/') are ignored. Scalar arrays
 *       compare as multisets unless listed in {@link DiffRules#orderedArrays()}.</li>
 *   <li>{@link DiffRules#readOnlyKeys()} (etag, provisioningState, resourceGuid, systemData) are ignored at any
 *       depth, and {@link DiffRules#ignored()} subtrees are never compared.</li>
 * </ul>
 * Reported paths name fields, never values: {@code tags.env}, {@code sku.name},
 * {@code properties.securityRules[rule1].properties.priority}, {@code properties.addressSpace.addressPrefixes}.
 */
public final class Drift {
    private static final String ID_PREFIX = "/subscriptions/";
    private static final Map<String, List<String>> PATTERNS = new ConcurrentHashMap<>();

    private Drift() {
    }

    /** Compares with the built-in rules of {@code armType} ({@link DiffRules#forType}). */
    public static DriftReport compare(JsonObject desired, JsonObject actual, String armType) {
        return compare(desired, actual, DiffRules.forType(armType));
    }

    /**
     * @param desired the ARM PUT body (envelope fields at the top, the rest under {@code properties})
     * @param actual  the ARM GET body; {@code null} is treated as an empty body (everything managed is missing)
     */
    public static DriftReport compare(JsonObject desired, JsonObject actual, DiffRules rules) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(rules, "rules");
        Set<String> out = new LinkedHashSet<>();
        new Comparer(rules).object(Path.ROOT, desired, actual == null ? new JsonObject() : actual, false, out);
        return out.isEmpty() ? DriftReport.none() : new DriftReport(List.copyOf(out));
    }

    /** ARM region names: "West US 2", "westus2" and "WestUS2" are the same region. */
    public static String normalizeLocation(String location) {
        return location.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** A place in the body: the path shown to people and the schema path rules match ({@code []} per item). */
    private record Path(String display, List<String> schema) {
        static final Path ROOT = new Path("", List.of());

        Path key(String name) {
            return new Path(display.isEmpty() ? name : display + "." + name, append(name));
        }

        Path item(String label) {
            return new Path(display + "[" + label + "]", append("[]"));
        }

        private List<String> append(String segment) {
            List<String> s = new ArrayList<>(schema.size() + 1);
            s.addAll(schema);
            s.add(segment);
            return s;
        }
    }

    private static final class Comparer {
        private final DiffRules rules;

        Comparer(DiffRules rules) {
            this.rules = rules;
        }

        void object(Path p, JsonObject d, JsonObject a, boolean namedItem, Set<String> out) {
            boolean exactMap = matches(rules.exactMaps(), p, false);
            for (String k : d.fieldNames()) {
                Object dv = d.getValue(k);
                if (dv == null || (!exactMap && rules.readOnlyKeys().contains(k))) {
                    continue;
                }
                if (namedItem && (k.equals("id") || (k.equals("type") && dv instanceof String s && s.contains("/")))) {
                    continue;
                }
                Path cp = p.key(k);
                if (matches(rules.ignored(), cp, true)) {
                    continue;
                }
                value(cp, dv, lookup(a, k), out);
            }
            if (exactMap) {
                for (String k : a.fieldNames()) {
                    if (a.getValue(k) != null && findKey(d, k) == null) {
                        out.add(p.key(k).display());
                    }
                }
            }
        }

        void value(Path p, Object dv, Object av, Set<String> out) {
            if (isNothing(av)) {
                if (dv instanceof JsonObject o) {
                    object(p, o, new JsonObject(), false, out);
                } else if (dv instanceof JsonArray arr) {
                    array(p, arr, new JsonArray(), out);
                } else if (!(dv instanceof String s && s.isEmpty() && matches(rules.blankEqualsAbsent(), p, false))) {
                    out.add(p.display());
                }
            } else if (dv instanceof JsonObject o) {
                if (av instanceof JsonObject ao) {
                    object(p, o, ao, false, out);
                } else {
                    out.add(p.display());
                }
            } else if (dv instanceof JsonArray arr) {
                if (av instanceof JsonArray aa) {
                    array(p, arr, aa, out);
                } else {
                    out.add(p.display());
                }
            } else if (!scalarEquals(p, dv, av)) {
                out.add(p.display());
            }
        }

        void array(Path p, JsonArray d, JsonArray a, Set<String> out) {
            if (d.isEmpty()) {
                if (!a.isEmpty()) {
                    out.add(p.display());
                }
                return;
            }
            boolean allObjects = true;
            boolean anyContainer = false;
            for (Object o : d) {
                allObjects &= o instanceof JsonObject;
                anyContainer |= o instanceof JsonObject || o instanceof JsonArray;
            }
            if (allObjects) {
                String key = keyField(p, d);
                if (key != null) {
                    keyedArray(p, d, a, key, out);
                } else {
                    unorderedItems(p, d, a, out);
                }
            } else if (!anyContainer && !matches(rules.orderedArrays(), p, false)) {
                unorderedItems(p, d, a, out);
            } else if (d.size() != a.size()) {
                out.add(p.display());
            } else {
                for (int i = 0; i < d.size(); i++) {
                    Object dv = d.getValue(i);
                    if (dv != null) {
                        value(p.item(Integer.toString(i)), dv, a.getValue(i), out);
                    }
                }
            }
        }

        private String keyField(Path p, JsonArray d) {
            String key = "name";
            for (Map.Entry<String, String> e : rules.arrayKeys().entrySet()) {
                if (segmentsMatch(pattern(e.getKey()), p.schema())) {
                    key = e.getValue();
                }
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Object o : d) {
                String k = keyOf((JsonObject) o, key);
                if (k == null || !seen.add(k.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
            return key;
        }

        private void keyedArray(Path p, JsonArray d, JsonArray a, String key, Set<String> out) {
            Map<String, JsonObject> actual = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            for (Object o : a) {
                String k = o instanceof JsonObject ao ? keyOf(ao, key) : null;
                if (k == null) {
                    out.add(p.display());
                    continue;
                }
                actual.put(k.toLowerCase(Locale.ROOT), (JsonObject) o);
                labels.put(k.toLowerCase(Locale.ROOT), k);
            }
            for (Object o : d) {
                JsonObject di = (JsonObject) o;
                String k = keyOf(di, key);
                JsonObject ai = actual.remove(k.toLowerCase(Locale.ROOT));
                if (ai == null) {
                    out.add(p.item(k).display());
                } else {
                    object(p.item(k), di, ai, key.equals("name"), out);
                }
            }
            for (String extra : actual.keySet()) {
                out.add(p.item(labels.get(extra)).display());
            }
        }

        /** Every desired item must equal a distinct actual item, and nothing may be left over. */
        private void unorderedItems(Path p, JsonArray d, JsonArray a, Set<String> out) {
            if (d.size() != a.size()) {
                out.add(p.display());
                return;
            }
            boolean[] used = new boolean[a.size()];
            Path item = p.item("*");
            for (Object dv : d) {
                boolean found = false;
                for (int j = 0; j < a.size() && !found; j++) {
                    if (!used[j] && same(item, dv, a.getValue(j))) {
                        used[j] = true;
                        found = true;
                    }
                }
                if (!found) {
                    out.add(p.display());
                    return;
                }
            }
        }

        private boolean same(Path p, Object dv, Object av) {
            if (dv == null) {
                return av == null;
            }
            Set<String> probe = new LinkedHashSet<>();
            value(p, dv, av, probe);
            return probe.isEmpty();
        }

        private boolean scalarEquals(Path p, Object dv, Object av) {
            if (dv instanceof String ds) {
                if (!(av instanceof String as)) {
                    return false;
                }
                if (ds.equals(as)) {
                    return true;
                }
                if (isArmId(ds) && isArmId(as)) {
                    return ds.equalsIgnoreCase(as);
                }
                if (matches(rules.locations(), p, false)) {
                    return normalizeLocation(ds).equals(normalizeLocation(as));
                }
                return matches(rules.caseInsensitive(), p, false) && ds.equalsIgnoreCase(as);
            }
            if (dv instanceof Number dn) {
                return av instanceof Number an && numberEquals(dn, an);
            }
            return Objects.equals(dv, av);
        }

        private boolean matches(Set<String> patterns, Path p, boolean prefix) {
            for (String pat : patterns) {
                List<String> segs = pattern(pat);
                if (prefix ? segs.size() <= p.schema().size() && segmentsMatch(segs, p.schema().subList(0, segs.size()))
                        : segmentsMatch(segs, p.schema())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean segmentsMatch(List<String> pattern, List<String> schema) {
            if (pattern.size() != schema.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String seg = pattern.get(i);
                if (!seg.equals("*") && !seg.equals(schema.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static List<String> pattern(String text) {
        return PATTERNS.computeIfAbsent(text, t -> {
            List<String> segs = new ArrayList<>();
            for (String s : t.split("\\.")) {
                while (s.endsWith("[]")) {
                    s = s.substring(0, s.length() - 2);
                    if (!s.isEmpty()) {
                        segs.add(s);
                    }
                    segs.add("[]");
                    s = "";
                }
                if (!s.isEmpty()) {
                    segs.add(s);
                }
            }
            return List.copyOf(segs);
        });
    }

    private static boolean isNothing(Object v) {
        return v == null || (v instanceof JsonObject o && o.isEmpty()) || (v instanceof JsonArray a && a.isEmpty());
    }

    private static boolean isArmId(String s) {
        return s.regionMatches(true, 0, ID_PREFIX, 0, ID_PREFIX.length());
    }

    private static boolean numberEquals(Number a, Number b) {
        if (!finite(a) || !finite(b)) {
            return a.doubleValue() == b.doubleValue() || (Double.isNaN(a.doubleValue()) && Double.isNaN(b.doubleValue()));
        }
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    private static Object lookup(JsonObject o, String key) {
        String k = findKey(o, key);
        return k == null ? null : o.getValue(k);
    }

    /** The key of {@code o} equal to {@code key}, else one equal ignoring case, else null. */
    private static String findKey(JsonObject o, String key) {
        if (o.containsKey(key)) {
            return key;
        }
        for (String k : o.fieldNames()) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        return null;
    }

    private static String keyOf(JsonObject item, String key) {
        Object v = item.getValue(key);
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
    }
}
