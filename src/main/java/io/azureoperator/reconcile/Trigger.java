package io.azureoperator.reconcile;

/** Why a resource is being reconciled. */
public enum Trigger {
    /** A watch event or a scheduled poll/retry: act on what is not done yet. */
    CHANGE,
    /** The periodic re-sync of a resource that is in sync: check Azure for drift. */
    PERIODIC_SYNC
}
