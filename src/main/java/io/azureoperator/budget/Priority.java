package io.azureoperator.budget;

/** Grant order inside a budget: user changes and deletes go before periodic re-syncs. */
public enum Priority {
    /** A new resource, a new generation, a deletion, or an operation already under way. */
    USER,
    /** A periodic re-sync of a resource that is believed to be in sync. */
    SYNC
}
