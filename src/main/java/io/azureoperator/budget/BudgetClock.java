package io.azureoperator.budget;

/**
 * The budget's time: epoch milliseconds (so reservations written to the ledger mean the same after a restart)
 * that never go backwards inside one process.
 */
@FunctionalInterface
public interface BudgetClock {

    long millis();

    /**
     * Wall-clock epoch millis read once at start, then advanced by {@link System#nanoTime()}: a wall-clock step
     * (NTP, a VM resume) inside the process cannot move it backwards or make a window slide early.
     */
    static BudgetClock system() {
        long wallAtStart = System.currentTimeMillis();
        long nanosAtStart = System.nanoTime();
        return () -> wallAtStart + (System.nanoTime() - nanosAtStart) / 1_000_000L;
    }
}
