package io.azureoperator.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Subnet: delegations gain id, etag, type, provisioningState and the join action. */
final class SubnetBehavior implements TypeBehavior {

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        JsonArray delegations = JsonTools.objectAt(body, "properties").getJsonArray("delegations");
        if (delegations == null) {
            return;
        }
        for (Object o : delegations) {
            if (o instanceof JsonObject d) {
                d.put("id", ctx.idString() + "/delegations/" + d.getString("name"));
                d.put("etag", ctx.etag());
                d.put("type", "Microsoft.Network/virtualNetworks/subnets/delegations");
                JsonObject p = JsonTools.objectAt(d, "properties");
                p.put("provisioningState", "Succeeded");
                if (p.getValue("actions") == null) {
                    p.put("actions", new JsonArray().add("Microsoft.Network/virtualNetworks/subnets/join/action"));
                }
            }
        }
    }
}
