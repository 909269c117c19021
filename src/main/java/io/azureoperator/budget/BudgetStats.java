package io.azureoperator.budget;

import io.azureoperator.config.RateLimit;

/**
 * A snapshot of one subscription's budget for one class (for /metrics and the live view).
 *
 * @param tokensLeft grants still possible right now within the sliding window
 * @param waiting requests waiting for a grant (USER and SYNC)
 * @param waitingSync of those, periodic re-syncs
 * @param granted grants since start
 * @param throttled 429 answers reported since start
 * @param oldestSyncWaitMillis how long the oldest waiting SYNC request has waited (0 if none)
 * @param pausedForMillis how long a 429 pause still holds (0 if none)
 * @param paceIntervalMillis the spacing ARM's remaining-header currently imposes (0 if none)
 * @param armRemaining the last remaining count ARM reported (-1 if none yet)
 */
public record BudgetStats(String subscriptionId, RequestClass requestClass, RateLimit limit, int tokensLeft,
                          int waiting, int waitingSync, long granted, long throttled, long oldestSyncWaitMillis,
                          long pausedForMillis, long paceIntervalMillis, int armRemaining) {
}
