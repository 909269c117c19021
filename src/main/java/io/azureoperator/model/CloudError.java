package io.azureoperator.model;

import io.vertx.core.json.JsonObject;

/**
 * An ARM error: the HTTP status and the {@code error.code}/{@code error.message} of the ARM error body
 * (or of a failed long-running operation).
 */
public record CloudError(int httpStatus, String code, String message) {

    /** Parses an ARM error body ({@code {"error":{"code","message"}}}, also the older top-level form). */
    public static CloudError from(int httpStatus, JsonObject body) {
        // "error" is an object in ARM bodies; a string (OAuth-style body) falls back on the top level
        JsonObject error = body == null ? null : body.getValue("error") instanceof JsonObject e ? e : body;
        String code = error == null ? null : error.getString("code");
        String message = error == null ? null : error.getString("message");
        if (code == null || code.isBlank()) {
            code = httpStatus == 0 ? "RequestFailed" : "HttpStatus" + httpStatus;
        }
        if (message == null || message.isBlank()) {
            message = "ARM answered HTTP " + httpStatus + " without an error message";
        }
        return new CloudError(httpStatus, code, message);
    }

    /** A request that got no HTTP answer (connection refused or reset, timeout). */
    public static CloudError transport(String message) {
        return new CloudError(0, "RequestFailed", message);
    }
}
