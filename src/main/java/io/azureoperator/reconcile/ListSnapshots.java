package io.azureoperator.reconcile;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.budget.Priority;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.model.ArmId;
import io.azureoperator.model.CloudError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DRIFT_DETECTION=list: one paged LIST per type and scope (parent) serves the periodic diff of every resource
 * in that scope for {@code maxAge}; a resource's sync looks itself up in the snapshot instead of sending a GET.
 */
public final class ListSnapshots {
    private record Snapshot(long takenAt, Future<Map<String, JsonObject>> items) {
    }

    private final KindDescriptor kind;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    public ListSnapshots(KindDescriptor kind, Duration maxAge, Clock clock) {
        this.kind = kind;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The resource was just written: its entry in a snapshot taken before is stale, so its next sync reads it
     * instead (a stale entry would show the drift that was just corrected, and correct it again).
     */
    public void written(ArmId id) {
        String key = id.toString().toLowerCase(Locale.ROOT);
        snapshots.values().forEach(s -> s.items().onSuccess(items -> items.remove(key)));
    }

    /** The resource as the scope's LIST shows it; empty when it is not in the list. Fails when LIST failed. */
    public Future<Optional<JsonObject>> lookup(ArmClient arm, ArmId id) {
        String url = arm.listUrl(id, kind.apiVersion());
        long now = clock.millis();
        Snapshot s = snapshots.compute(url, (k, old) -> old != null && now - old.takenAt() < maxAge.toMillis()
                && !old.items().failed() ? old : new Snapshot(now, fetch(arm, id.subscriptionId(), url, new ConcurrentHashMap<>())));
        return s.items().map(items -> Optional.ofNullable(items.get(id.toString().toLowerCase(Locale.ROOT))));
    }

    private Future<Map<String, JsonObject>> fetch(ArmClient arm, String subscriptionId, String url,
                                                  Map<String, JsonObject> into) {
        return arm.poll(subscriptionId, url, Priority.SYNC).compose(r -> {
            if (!r.ok() || r.body() == null) {
                CloudError e = r.error();
                return Future.failedFuture(new IllegalStateException("LIST failed: " + e.code() + " " + e.message()));
            }
            JsonArray value = r.body().getJsonArray("value", new JsonArray());
            for (Object o : value) {
                if (o instanceof JsonObject item && item.getString("id") != null) {
                    into.put(item.getString("id").toLowerCase(Locale.ROOT), item);
                }
            }
            String next = r.body().getString("nextLink");
            return next == null || next.isBlank() ? Future.succeededFuture(into) : fetch(arm, subscriptionId, next, into);
        });
    }
}
