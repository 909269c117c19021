package io.azureoperator.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** NSG: resourceGuid, the six platform default rules, and server fields on inline security rules. */
final class NetworkSecurityGroupBehavior implements TypeBehavior {

    private record DefaultRule(String name, String description, String source, String destination,
                               String access, int priority, String direction) {
    }

    private static final List<DefaultRule> DEFAULT_RULES = List.of(
            new DefaultRule("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET",
                    "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Inbound"),
            new DefaultRule("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer",
                    "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
            new DefaultRule("DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
            new DefaultRule("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET",
                    "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Outbound"),
            new DefaultRule("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet",
                    "*", "Internet", "Allow", 65001, "Outbound"),
            new DefaultRule("DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"));

    private static final List<String> PLURAL_FIELDS = List.of("sourcePortRanges", "destinationPortRanges",
            "sourceAddressPrefixes", "destinationAddressPrefixes");

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        JsonObject props = JsonTools.objectAt(body, "properties");
        props.put("resourceGuid", UUID.randomUUID().toString());
        JsonArray rules = new JsonArray();
        for (DefaultRule r : DEFAULT_RULES) {
            rules.add(rule(ctx, "defaultSecurityRules", r.name(), new JsonObject()
                    .put("description", r.description()).put("protocol", "*")
                    .put("sourcePortRange", "*").put("destinationPortRange", "*")
                    .put("sourceAddressPrefix", r.source()).put("destinationAddressPrefix", r.destination())
                    .put("access", r.access()).put("priority", r.priority()).put("direction", r.direction())));
        }
        props.put("defaultSecurityRules", rules);
        JsonArray securityRules = props.getJsonArray("securityRules");
        if (securityRules != null) {
            JsonArray filled = new JsonArray();
            for (Object o : securityRules) {
                if (o instanceof JsonObject r) {
                    filled.add(rule(ctx, "securityRules", r.getString("name"),
                            r.getJsonObject("properties", new JsonObject()).copy()));
                }
            }
            props.put("securityRules", filled);
        }
    }

    private static JsonObject rule(WriteContext ctx, String collection, String name, JsonObject properties) {
        properties.put("provisioningState", "Succeeded");
        for (String plural : PLURAL_FIELDS) {
            if (properties.getValue(plural) == null) {
                properties.put(plural, new JsonArray());
            }
        }
        return new JsonObject().put("name", name).put("id", ctx.idString() + "/" + collection + "/" + name)
                .put("etag", ctx.etag()).put("type", "Microsoft.Network/networkSecurityGroups/" + collection)
                .put("properties", properties);
    }
}
