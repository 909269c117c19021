package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** User-assigned identity: tenantId, principalId and clientId GUIDs (kept stable across updates). */
final class UserAssignedIdentityBehavior implements TypeBehavior {

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        JsonObject props = JsonTools.objectAt(body, "properties");
        props.put("tenantId", ctx.tenantId());
        props.put("principalId", UUID.randomUUID().toString());
        props.put("clientId", UUID.randomUUID().toString());
    }
}
