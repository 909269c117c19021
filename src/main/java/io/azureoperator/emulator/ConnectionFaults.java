package io.azureoperator.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Transport-level faults planned for the next N matching requests: the connection is reset (closed with no
 * response) or the response is held back ("hang") for a while and then replaced by a 504 GatewayTimeout. Either
 * can happen before ARM acts on the request (it is lost) or after (it took effect, only the answer is lost), as a
 * real load balancer in front of ARM can do. Plain Java; the HTTP edge acts on the returned plan.
 */
final class ConnectionFaults {

    enum Kind { RESET, HANG }

    /** What to do with one request. {@code hang} is only meaningful for {@link Kind#HANG}. */
    record Plan(Kind kind, boolean afterApplying, Duration hang) {
    }

    private record Rule(String method, Pattern path, Plan plan, AtomicInteger remaining) {
        boolean matches(String m, String p) {
            return (method == null || method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).find();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(String method, String pathRegex, Plan plan, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        rules.add(new Rule(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), plan,
                new AtomicInteger(times)));
    }

    void clear() {
        rules.clear();
    }

    /** The fault planned for this request, if any (and counts it). */
    Optional<Plan> take(String method, String path) {
        for (Rule r : rules) {
            if (r.matches(method, path) && r.remaining().getAndDecrement() > 0) {
                rules.removeIf(x -> x.remaining().get() <= 0);
                return Optional.of(r.plan());
            }
        }
        rules.removeIf(x -> x.remaining().get() <= 0);
        return Optional.empty();
    }
}
