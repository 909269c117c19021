package io.azureoperator.apiserver;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Injected failures: the next N requests matching a method and a path pattern are answered with an error. */
final class FailureRules {
    private record Rule(String method, Pattern path, int status, AtomicInteger remaining) {
        boolean matches(String m, boolean watch, String p) {
            boolean methodMatches = method.equals("*") || method.equalsIgnoreCase(m)
                    || (watch && method.equalsIgnoreCase("WATCH"));
            return methodMatches && path.matcher(p).find();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(String method, String pathRegex, int status, int times) {
        rules.add(new Rule(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), status,
                new AtomicInteger(times)));
    }

    void clear() {
        rules.clear();
    }

    /** The status code to answer this request with, if a rule takes it. */
    OptionalInt take(String method, boolean watch, String path) {
        for (Rule r : rules) {
            if (r.matches(method, watch, path) && r.remaining().getAndDecrement() > 0) {
                rules.removeIf(x -> x.remaining().get() <= 0);
                return OptionalInt.of(r.status());
            }
        }
        return OptionalInt.empty();
    }
}
