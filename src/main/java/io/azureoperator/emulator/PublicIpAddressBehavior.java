package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Public IP: resourceGuid, {@code sku.tier: Regional}, and an address once a Static IP is provisioned. */
final class PublicIpAddressBehavior implements TypeBehavior {

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        JsonTools.objectAt(body, "properties").put("resourceGuid", UUID.randomUUID().toString());
        JsonObject sku = JsonTools.objectAt(body, "sku");
        if (sku.getValue("tier") == null) {
            sku.put("tier", "Regional");
        }
    }

    @Override
    public void onSucceeded(JsonObject body, WriteContext ctx) {
        JsonObject props = JsonTools.objectAt(body, "properties");
        if ("Static".equalsIgnoreCase(props.getString("publicIPAllocationMethod"))
                && props.getValue("ipAddress") == null) {
            props.put("ipAddress", "20." + (1 + ctx.random().nextInt(254)) + "." + ctx.random().nextInt(256)
                    + "." + (1 + ctx.random().nextInt(254)));
        }
    }
}
