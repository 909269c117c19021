package io.azureoperator.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** VNet: a resourceGuid, and {@code properties.subnets[]} listing the child subnets that exist. */
final class VirtualNetworkBehavior implements TypeBehavior {

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        JsonObject props = JsonTools.objectAt(body, "properties");
        props.put("resourceGuid", UUID.randomUUID().toString());
    }

    @Override
    public void decorateView(JsonObject view, ArmId id, ResourceStore store) {
        JsonArray subnets = new JsonArray();
        for (StoredResource subnet : store.children(id, "subnets")) {
            subnets.add(subnet.body().copy());
        }
        JsonTools.objectAt(view, "properties").put("subnets", subnets);
    }
}
