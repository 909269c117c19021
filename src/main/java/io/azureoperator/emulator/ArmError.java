package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

/** An ARM error response: HTTP status plus the {@code {"error":{"code","message"}}} body. */
final class ArmError extends RuntimeException {

    private final int status;
    private final String code;

    ArmError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    JsonObject body() {
        return errorBody(code, getMessage());
    }

    static JsonObject errorBody(String code, String message) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
    }

    static ArmError resourceGroupNotFound(String rg) {
        return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
    }

    static ArmError invalidRequestContent(String detail) {
        return new ArmError(400, "InvalidRequestContent",
                "The request content was invalid and cannot be deserialized: '" + detail + "'.");
    }
}
