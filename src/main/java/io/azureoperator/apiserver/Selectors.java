package io.azureoperator.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code labelSelector} (equality, inequality, exists, !exists, in, notin) and {@code fieldSelector}
 * ({@code metadata.name}, {@code metadata.namespace} with =, == and !=) as one predicate on stored objects.
 */
final class Selectors {
    private static final Pattern SET = Pattern.compile("^([^\\s!=]+)\\s+(in|notin)\\s*\\((.*)\\)$");
    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9][-A-Za-z0-9_./]*$");

    private Selectors() {
    }

    static Predicate<StoredObject> parse(String labelSelector, String fieldSelector) {
        Predicate<StoredObject> p = o -> true;
        for (String requirement : split(labelSelector)) {
            p = p.and(label(requirement));
        }
        for (String requirement : split(fieldSelector)) {
            p = p.and(field(requirement));
        }
        return p;
    }

    private static Predicate<StoredObject> label(String r) {
        Matcher set = SET.matcher(r);
        if (set.matches()) {
            String key = checkedKey(set.group(1), r);
            Set<String> values = Set.copyOf(split(set.group(3)));
            Predicate<StoredObject> in = o -> o.labels().containsKey(key) && values.contains(o.labels().get(key));
            return set.group(2).equals("in") ? in : in.negate();
        }
        if (r.startsWith("!")) {
            String key = checkedKey(r.substring(1).trim(), r);
            return o -> !o.labels().containsKey(key);
        }
        String[] kv = operands(r);
        if (kv == null) {
            String key = checkedKey(r, r);
            return o -> o.labels().containsKey(key);
        }
        String key = checkedKey(kv[0], r);
        String value = kv[2];
        return kv[1].equals("!=") ? o -> !value.equals(o.labels().get(key)) : o -> value.equals(o.labels().get(key));
    }

    private static Predicate<StoredObject> field(String r) {
        String[] kv = operands(r);
        if (kv == null) {
            throw StatusBodies.badRequest("invalid field selector: '" + r + "'");
        }
        String value = kv[2];
        Predicate<StoredObject> eq = switch (kv[0]) {
            case "metadata.name" -> o -> value.equals(o.name());
            case "metadata.namespace" -> o -> value.equals(o.namespace() == null ? "" : o.namespace());
            default -> throw StatusBodies.badRequest("field label not supported: " + kv[0]);
        };
        return kv[1].equals("!=") ? eq.negate() : eq;
    }

    /** {@code [key, operator, value]} for {@code k=v}, {@code k==v} and {@code k!=v}; null when none of those. */
    private static String[] operands(String r) {
        int ne = r.indexOf("!=");
        if (ne > 0) {
            return new String[] {r.substring(0, ne).trim(), "!=", r.substring(ne + 2).trim()};
        }
        int eq = r.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        int valueAt = r.startsWith("==", eq) ? eq + 2 : eq + 1;
        return new String[] {r.substring(0, eq).trim(), "=", r.substring(valueAt).trim()};
    }

    private static String checkedKey(String key, String requirement) {
        if (!KEY.matcher(key).matches()) {
            throw StatusBodies.badRequest("unable to parse requirement: '" + requirement + "'");
        }
        return key;
    }

    /** Splits on commas outside parentheses; blanks dropped. */
    static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(parts, selector.substring(start, i));
                start = i + 1;
            }
        }
        add(parts, selector.substring(start));
        return parts;
    }

    private static void add(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.trim());
        }
    }
}
