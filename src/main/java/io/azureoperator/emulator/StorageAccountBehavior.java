package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Storage account: sku tier, endpoints, creation and key times, primary location and status. */
final class StorageAccountBehavior implements TypeBehavior {

    @Override
    public void onWrite(JsonObject body, WriteContext ctx) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String name = ctx.id().name();
        JsonObject sku = JsonTools.objectAt(body, "sku");
        if (sku.getValue("tier") == null) {
            sku.put("tier", sku.getString("name", "").startsWith("Premium") ? "Premium" : "Standard");
        }
        JsonObject props = JsonTools.objectAt(body, "properties");
        String kind = body.getString("kind", "");
        if (props.getValue("accessTier") == null && (kind.equals("StorageV2") || kind.equals("BlobStorage"))) {
            props.put("accessTier", "Hot");
        }
        props.put("creationTime", now);
        props.put("keyCreationTime", new JsonObject().put("key1", now).put("key2", now));
        JsonObject services = JsonTools.objectAt(JsonTools.objectAt(props, "encryption"), "services");
        for (String service : services.fieldNames()) {
            if (services.getValue(service) instanceof JsonObject s) {
                s.put("lastEnabledTime", now);
            }
        }
        props.put("primaryEndpoints", new JsonObject()
                .put("dfs", "https://" + name + ".dfs.core.windows.net/")
                .put("web", "https://" + name + ".z5.web.core.windows.net/")
                .put("blob", "https://" + name + ".blob.core.windows.net/")
                .put("queue", "https://" + name + ".queue.core.windows.net/")
                .put("table", "https://" + name + ".table.core.windows.net/")
                .put("file", "https://" + name + ".file.core.windows.net/"));
        props.put("primaryLocation", body.getString("location"));
        props.put("statusOfPrimary", "available");
    }
}
