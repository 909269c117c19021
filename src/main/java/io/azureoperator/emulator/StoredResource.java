package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

/**
 * A resource in the store: its ID, profile and stored body (already carrying id, name, type, defaults and
 * provisioningState), the long-running operation currently acting on it, and secrets such as storage keys.
 */
final class StoredResource {

    private final ArmId id;
    private final ResourceProfile profile;
    private final JsonObject secrets;
    private volatile JsonObject body;
    private volatile String pendingOperationId;

    StoredResource(ArmId id, ResourceProfile profile, JsonObject body, JsonObject secrets) {
        this.id = id;
        this.profile = profile;
        this.body = body;
        this.secrets = secrets;
    }

    ArmId id() {
        return id;
    }

    ResourceProfile profile() {
        return profile;
    }

    JsonObject body() {
        return body;
    }

    void body(JsonObject body) {
        this.body = body;
    }

    JsonObject secrets() {
        return secrets;
    }

    String pendingOperationId() {
        return pendingOperationId;
    }

    void pendingOperationId(String operationId) {
        this.pendingOperationId = operationId;
    }

    String provisioningState() {
        return (String) JsonTools.get(body, "properties.provisioningState");
    }

    void provisioningState(String state) {
        if (profile.settledState() != null) {
            JsonTools.objectAt(body, "properties").put("provisioningState", state);
        }
    }
}
