package io.azureoperator.model;

/**
 * What the reconciler concluded about a resource; becomes the Ready condition (SPEC §4).
 * Ready=True always has reason Succeeded.
 */
public record ReadyState(boolean ready, Condition.Severity severity, String reason, String message) {

    public static final String SUCCEEDED = "Succeeded";
    public static final String RECONCILING = "Reconciling";
    public static final String DELETING = "Deleting";
    public static final String WAITING_FOR_OWNER = "WaitingForOwner";
    public static final String REFERENCE_NOT_FOUND = "ReferenceNotFound";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String AZURE_RESOURCE_NOT_FOUND = "AzureResourceNotFound";
    public static final String FAILED = "Failed";

    public static ReadyState succeeded() {
        return new ReadyState(true, Condition.Severity.None, SUCCEEDED, "");
    }

    public static ReadyState reconciling(String message) {
        return new ReadyState(false, Condition.Severity.Info, RECONCILING, message);
    }

    public static ReadyState deleting(String message) {
        return new ReadyState(false, Condition.Severity.Info, DELETING, message);
    }

    public static ReadyState warning(String reason, String message) {
        return new ReadyState(false, Condition.Severity.Warning, reason, message);
    }

    public static ReadyState error(String reason, String message) {
        return new ReadyState(false, Condition.Severity.Error, reason, message);
    }

    /** The Ready condition for this state, keeping the previous transition time when the status did not flip. */
    public Condition toCondition(long generation, Condition previous, String now) {
        String status = ready ? "True" : "False";
        String transition = previous != null && status.equals(previous.status()) && previous.lastTransitionTime() != null
                ? previous.lastTransitionTime() : now;
        return new Condition(Condition.READY, status, severity, reason, message == null ? "" : message, generation,
                transition);
    }
}
