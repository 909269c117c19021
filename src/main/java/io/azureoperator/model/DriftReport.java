package io.azureoperator.model;

import java.util.List;

/**
 * The outcome of {@link Drift#compare}: the paths of the managed fields where Azure differs from the desired
 * state, e.g. {@code properties.addressSpace.addressPrefixes}, {@code tags.env},
 * {@code properties.securityRules[rule1].properties.priority}. It never holds values, only paths, so it is safe
 * for events and logs.
 */
public record DriftReport(List<String> changedPaths) {
    /** How many paths {@link #summary()} names before it says "and N more". */
    public static final int SUMMARY_PATHS = 5;

    private static final DriftReport NONE = new DriftReport(List.of());

    public DriftReport {
        changedPaths = List.copyOf(changedPaths);
    }

    public static DriftReport none() {
        return NONE;
    }

    public boolean drifted() {
        return !changedPaths.isEmpty();
    }

    /** One line for an event or a log, e.g. "Azure differs in 2 fields: sku.name, tags.env". */
    public String summary() {
        int n = changedPaths.size();
        if (n == 0) {
            return "Azure matches the desired state";
        }
        StringBuilder sb = new StringBuilder("Azure differs in ").append(n).append(n == 1 ? " field: " : " fields: ");
        sb.append(String.join(", ", changedPaths.subList(0, Math.min(n, SUMMARY_PATHS))));
        if (n > SUMMARY_PATHS) {
            sb.append(" and ").append(n - SUMMARY_PATHS).append(" more");
        }
        return sb.toString();
    }
}
