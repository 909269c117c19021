package io.azureoperator.config;

/** How a periodic re-sync finds out whether Azure drifted from the desired state. */
public enum DriftDetection {
    /** Re-PUT every resource every sync, as ASO does. */
    PUT,
    /** GET each resource, diff, PUT only on drift. */
    GET,
    /** LIST per type and scope, diff, PUT only on drift. */
    LIST
}
