/**
 * The per-subscription ARM budget: the only place that decides when an ARM request may go out.
 *
 * <h2>Bound</h2>
 * Each subscription has three classes (writes, reads, deletes), each limited to N grants in every sliding window
 * of W ({@code ARM_*_LIMIT = N/W}). A {@link io.azureoperator.budget.SlidingWindow} keeps the last N grant times:
 * a grant at t is allowed only if the N-th most recent grant is at or before t - W, so no half-open window
 * [s, s + W) ever holds more than N grants (brute-force checked in SlidingWindowTest and RestartBoundTest).
 * ARM counts a request when it arrives, between its grant and its answer: once answered, a grant is moved to the
 * answer's time ({@link io.azureoperator.budget.Budget#answered}), the latest ARM can have seen it, so requests held
 * up on their way cannot put more than N in one of ARM's windows either (for requests answered within W of their
 * grant; SlidingWindowTest checks arrivals at random points in between). The window is also a little longer than
 * ARM's ({@code ClassBudget.guard}) for clocks and in-flight requests.
 *
 * <h2>Restart safety: write-ahead reservations</h2>
 * What was spent must outlive the process (kill -9 included). The {@link io.azureoperator.budget.BudgetVerticle}
 * never grants a request unless a {@link io.azureoperator.budget.Reservation} covering it is durably stored in a
 * {@link io.azureoperator.budget.SpentLedger}:
 * <ol>
 *   <li>At start (per subscription, before its first grant) the ledger is loaded and every stored reservation
 *       counts as {@code count} grants spent at {@code min(until + clockSkew + sendDelay, now)}.</li>
 *   <li>When a grant is due but no reservation covers it, the budget makes one: {@code (class, at = now,
 *       until = now + lease, count = chunk)}, stores the whole live record set (one write in flight per
 *       subscription, on the ledger's worker pool), and only after the store has completed hands out up to
 *       {@code count} grants at times in {@code [at, until]}, each still subject to the window. (A count of
 *       only the slots free at the time made a saturated budget, whose slots free one at a time, write the
 *       ledger once per grant.)</li>
 *   <li>When that reservation is used up or its lease ends, the next write replaces its record by what it really
 *       covered: {@code (at, time of its last grant, grants made)}, or drops it if none were made. Records whose
 *       {@code until} is older than one window (plus skew) are pruned.</li>
 * </ol>
 * Why it holds: every grant g made by a dead process lies in [at, until] of a stored record and before the
 * restart time T, and its request reached ARM at most sendDelay after g (30 s: a token fetched again, a connection
 * opened) and before T, so the successor's stand-in time {@code min(until + sendDelay, T)} is never earlier than
 * that arrival (RestartBoundTest checks both grant and arrival times). For any window
 * that also holds new grants, let t be its last new grant: every old grant g in the window has
 * {@code t - W < g <= stand-in <= T <= t}, so the window check at t saw all of them, and saw at most N - 1 in
 * total. Windows with old grants only were guarded by the old process. A crash between "store" and
 * "acknowledged" is safe either way (nothing was granted under an unacknowledged reservation). The only cost of
 * a restart is the unused part of at most one chunk per class (5% of N by default; see
 * {@link io.azureoperator.budget.LedgerPolicy}). If the ledger cannot be read or written, nothing goes out
 * (fail closed) and one line is logged.
 *
 * <p>Time: {@link io.azureoperator.budget.BudgetClock} is epoch millis (so stored times mean the same after a
 * restart) advanced monotonically inside a process. A restart with the wall clock stepped backwards is still
 * safe (stand-ins are clamped to the restart time); a wall clock more than {@code clockSkew} (2 s) ahead of the
 * previous process's is not detectable.
 *
 * <p>Implementations: {@link io.azureoperator.budget.InMemorySpentLedger} (tests; the default of the one-argument
 * BudgetVerticle constructor) and {@link io.azureoperator.budget.KubernetesSpentLedger} (ConfigMap
 * {@code azure-operator-budget-<subscription>} in POD_NAMESPACE, written with resourceVersion; on a conflict the
 * other writer's records are kept and counted as spent). Ledger load: ~1 read per subscription per start; writes:
 * about 20 per class per window under full load (one per 5% chunk), and at most one per lease when traffic
 * trickles.
 *
 * <h2>Order and fairness</h2>
 * Within a class, USER (new resource, new generation, delete, operation under way) goes before SYNC (periodic
 * re-sync), except that while SYNC requests wait, every 10th grant goes to SYNC so re-syncs never starve. Within a
 * priority, requests are served round-robin across fairness keys (e.g. "kind/namespace"), FIFO within a key.
 *
 * <h2>ARM feedback</h2>
 * A 429 pauses the class for Retry-After. {@code x-ms-ratelimit-remaining-subscription-[global-]*} below
 * {@code max(10, N / 10)} stops bursts: grants go one per {@code W / N} (the budget's average rate, ARM's
 * refill), twice that when ARM reports none left, until ARM reports enough again (see
 * {@link io.azureoperator.budget.Pacing}).
 *
 * <h2>Overload</h2>
 * {@link io.azureoperator.budget.BudgetStats} per subscription and class (tokens left, waiting, grants, 429s,
 * oldest SYNC wait). The effective sync period is measured where the syncs wait, in the kinds' queues (most of a
 * backlog never reaches the budget: a work queue lets only half its slots run syncs): how long each resource
 * really went between syncs, and how long the due syncs have waited ({@link io.azureoperator.budget.SyncPeriods}).
 * One line is logged when it exceeds the configured period by 10%, one when it is back within 2%. The budget itself
 * is never exceeded:
 * overload only makes requests wait. {@link io.azureoperator.budget.Capacity} says beforehand how many resources
 * fit ({@code java -jar azure-operator.jar capacity}).
 */
package io.azureoperator.budget;
