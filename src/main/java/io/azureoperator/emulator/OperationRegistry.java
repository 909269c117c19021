package io.azureoperator.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Long-running operations by ID, plus the knobs that steer them (hold, polls needed, planned failures). */
final class OperationRegistry {

    private record PlannedFailure(Pattern path, LongRunningOperation.Outcome outcome, AtomicInteger remaining) {
    }

    private final ConcurrentHashMap<String, LongRunningOperation> byId = new ConcurrentHashMap<>();
    private final List<PlannedFailure> plannedFailures = new CopyOnWriteArrayList<>();
    private volatile boolean held;
    private volatile int pollsBeforeDone = 1;

    void hold(boolean hold) {
        this.held = hold;
    }

    boolean held() {
        return held;
    }

    void pollsBeforeDone(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("polls must be >= 0");
        }
        this.pollsBeforeDone = polls;
    }

    void planFailure(String pathRegex, LongRunningOperation.Status status, String code, String message, int times) {
        plannedFailures.add(new PlannedFailure(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE),
                new LongRunningOperation.Outcome(status, code, message), new AtomicInteger(times)));
    }

    /**
     * Starts an operation that finishes after its polls, or by itself once those polls and one more would have
     * taken (a poll interval of at least a second each).
     */
    LongRunningOperation start(ArmId target, String targetPath, boolean delete, long pollIntervalMillis,
                               Runnable onSucceeded, Runnable onFailed) {
        long finishBy = System.currentTimeMillis() + (pollsBeforeDone + 1L) * Math.max(1000, pollIntervalMillis);
        LongRunningOperation op = new LongRunningOperation(UUID.randomUUID().toString(), target.subscription(),
                target, delete, pollsBeforeDone, finishBy, outcomeFor(targetPath), onSucceeded, onFailed);
        byId.put(op.id().toLowerCase(Locale.ROOT), op);
        return op;
    }

    /** An operation by ID alone (the resource that carries it knows only the ID). */
    Optional<LongRunningOperation> get(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    Optional<LongRunningOperation> get(String subscription, String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)))
                .filter(op -> op.subscription().equalsIgnoreCase(subscription));
    }

    private LongRunningOperation.Outcome outcomeFor(String targetPath) {
        for (PlannedFailure f : plannedFailures) {
            if (f.path().matcher(targetPath).find() && f.remaining().getAndDecrement() > 0) {
                return f.outcome();
            }
        }
        plannedFailures.removeIf(f -> f.remaining().get() <= 0);
        return LongRunningOperation.Outcome.SUCCESS;
    }
}
