package io.azureoperator.reconcile;

import io.azureoperator.arm.ArmResponse;
import io.azureoperator.model.CloudError;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Where a long-running ARM operation stands, read from one poll of its URL: Azure-AsyncOperation
 * ({@code {"status": ...}}), Location (202 while running) or the resource itself (provisioningState).
 */
public sealed interface OperationState {
    Set<String> RUNNING = Set.of("inprogress", "running", "accepted", "creating", "updating", "deleting",
            "notstarted", "provisioning", "resolvingdns");
    Set<String> FAILED = Set.of("failed", "canceled", "cancelled");

    record Running(Duration retryAfter) implements OperationState {
    }

    record Succeeded() implements OperationState {
    }

    record Failed(CloudError error) implements OperationState {
    }

    /** The poll itself failed (throttled, ARM busy or unreachable): the operation is still to be polled. */
    record PollFailed(CloudError error) implements OperationState {
    }

    /** HTTP statuses that say "ask again later" about the poll request, not about the operation. */
    java.util.Set<Integer> TRANSIENT = java.util.Set.of(408, 429, 500, 502, 503, 504);

    /** Whether a resource as ARM returned it says its last operation failed ({@code provisioningState}). */
    static boolean provisioningFailed(JsonObject resource) {
        return resource != null && resource.getValue("properties") instanceof JsonObject props
                && props.getValue("provisioningState") instanceof String p
                && FAILED.contains(p.toLowerCase(java.util.Locale.ROOT));
    }

    static OperationState of(ArmResponse r, Duration defaultRetryAfter) {
        if (r.status() == 202) {
            return new Running(r.retryAfter(defaultRetryAfter));
        }
        if (r.status() == 404) {
            // the operation record expired or the resource is gone: the caller reads the resource to know
            return new Succeeded();
        }
        if (TRANSIENT.contains(r.status())) {
            return new PollFailed(r.error());
        }
        if (!r.ok()) {
            return new Failed(r.error());
        }
        JsonObject body = r.body() == null ? new JsonObject() : r.body();
        String status = body.getValue("status") instanceof String s ? s
                : body.getValue("properties") instanceof JsonObject props
                        && props.getValue("provisioningState") instanceof String p ? p : "Succeeded";
        String lower = status.toLowerCase(java.util.Locale.ROOT);
        if (RUNNING.contains(lower)) {
            return new Running(r.retryAfter(defaultRetryAfter));
        }
        if (FAILED.contains(lower)) {
            CloudError e = body.getValue("error") instanceof JsonObject ? CloudError.from(r.status(), body)
                    : new CloudError(r.status(), "Operation" + status, "the ARM operation ended " + status);
            return new Failed(e);
        }
        return new Succeeded();
    }
}
