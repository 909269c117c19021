package io.azureoperator.emulator;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Injected failures: the next N matching requests ({@code failNext}) and random 500/503s ({@code failRate}). */
final class FaultInjector {

    private record Rule(String method, Pattern path, int status, String code, String message,
                        AtomicInteger remaining) {
        boolean matches(String m, String p) {
            return (method == null || method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).find();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;
    private volatile double rate;
    private volatile int rateStatus = 500;

    FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    void failNext(String method, String pathRegex, int status, String code, String message, int times) {
        rules.add(new Rule(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), status, code, message,
                new AtomicInteger(times)));
    }

    void failRate(double probability, int status) {
        this.rate = probability;
        this.rateStatus = status;
    }

    void clear() {
        rules.clear();
        rate = 0;
    }

    /** Throws the injected error for this request, if any. */
    void check(String method, String path) {
        for (Rule r : rules) {
            if (r.matches(method, path) && r.remaining().getAndDecrement() > 0) {
                throw new ArmError(r.status(), r.code(), r.message());
            }
        }
        rules.removeIf(r -> r.remaining().get() <= 0);
        if (rate > 0) {
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < rate;
            }
            if (fail) {
                throw rateStatus == 503
                        ? new ArmError(503, "ServiceUnavailable", "The service is temporarily unavailable.")
                        : new ArmError(rateStatus, "InternalServerError",
                        "Encountered internal server error. Please try again.");
            }
        }
    }
}
