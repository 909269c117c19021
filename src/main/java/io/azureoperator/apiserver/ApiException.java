package io.azureoperator.apiserver;

import io.vertx.core.json.JsonObject;

/** A request the API server refuses: the HTTP code and the Kubernetes {@code Status} body that says why. */
public final class ApiException extends RuntimeException {
    private final JsonObject status;

    ApiException(JsonObject status) {
        super(status.getString("message"), null, false, false);
        this.status = status;
    }

    public int code() {
        return status.getInteger("code");
    }

    public String reason() {
        return status.getString("reason");
    }

    /** A copy of the {@code Status} body. */
    public JsonObject status() {
        return status.copy();
    }
}
