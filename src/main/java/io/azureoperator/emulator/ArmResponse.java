package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response produced by {@link ArmService}; the HTTP edge writes it out unchanged. */
final class ArmResponse {

    private final int status;
    private final JsonObject body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ArmResponse(int status, JsonObject body) {
        this.status = status;
        this.body = body;
    }

    static ArmResponse of(int status, JsonObject body) {
        return new ArmResponse(status, body);
    }

    static ArmResponse empty(int status) {
        return new ArmResponse(status, null);
    }

    static ArmResponse error(ArmError e) {
        return new ArmResponse(e.status(), e.body());
    }

    ArmResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    /** The JSON body, or null for an empty body. */
    JsonObject body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
