package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every object of every type, one global resourceVersion, and the watch fan-out. Writes, lists and watch
 * registrations take one lock (each is short: a map operation, an encode, a few queue appends), so what a list
 * or watch sees is always a consistent point in the resourceVersion order; single-object reads take none.
 *
 * <p>It is also the garbage collector. With background propagation, once an object is removed, every object
 * whose {@code ownerReferences} name its uid and that has no owner left is deleted as a client's DELETE would
 * (finalizers hold it, marked); one that still has an owner only loses the references to the gone ones. An
 * object written with owners that are all gone is collected the same way. The real collector does this a moment
 * after the removal; here it happens under the same lock, right after the removal's DELETED event. Orphan and
 * foreground propagation are {@link #delete}'s.
 */
final class ObjectStore {
    /** The finalizer that keeps an object deleted in the foreground until its blocking dependents are gone. */
    static final String FOREGROUND = "foregroundDeletion";
    private static final String FOREGROUND_POLICY = "Foreground";
    private static final String BACKGROUND_POLICY = "Background";
    private static final String ORPHAN_POLICY = "Orphan";

    /** A consistent list: the matching objects (unordered) and the resourceVersion they are current at. */
    record Snapshot(List<StoredObject> items, long resourceVersion) {
    }

    private final ApiTypes types;
    private final Clock clock;
    private final int historyLimit;
    private final Map<String, TypeStore> stores = new ConcurrentHashMap<>();
    private final OwnerIndex owners = new OwnerIndex(); // guarded by this
    private long resourceVersion; // guarded by this

    ObjectStore(ApiTypes types, Clock clock, int historyLimit) {
        this.types = types;
        this.clock = clock;
        this.historyLimit = historyLimit;
    }

    ApiTypes types() {
        return types;
    }

    // ---------------------------------------------------------------- reads

    StoredObject get(ApiType type, String namespace, String name) {
        StoredObject o = store(type).objects.get(StoredObject.key(namespace, name));
        if (o == null) {
            throw StatusBodies.notFound(type, name);
        }
        return o;
    }

    int count(ApiType type) {
        return store(type).objects.size();
    }

    synchronized Snapshot list(ApiType type, String namespace, Predicate<StoredObject> selector) {
        List<StoredObject> items = new ArrayList<>();
        for (StoredObject o : store(type).objects.values()) {
            if ((namespace == null || namespace.equals(o.namespace())) && selector.test(o)) {
                items.add(o);
            }
        }
        return new Snapshot(items, resourceVersion);
    }

    synchronized long resourceVersion() {
        return resourceVersion;
    }

    // ---------------------------------------------------------------- writes

    synchronized StoredObject create(ApiType type, String namespace, JsonObject body) {
        JsonObject o = ObjectRules.forCreate(type, body, type.namespaced() ? namespace : null, now());
        String name = ObjectRules.metadata(o).getString("name");
        TypeStore store = store(type);
        if (store.objects.containsKey(StoredObject.key(namespace(type, namespace), name))) {
            throw StatusBodies.alreadyExists(type, name);
        }
        if (type.isCrd()) {
            List<ApiType> defined = ApiTypes.fromCrd(o);
            o.put("status", ApiTypes.acceptedStatus(o, now()));
            types.register(defined);
        }
        StoredObject stored = stamp(o);
        store.objects.put(stored.key(), stored);
        store.hub.publish(new WatchEvent(WatchEvent.ADDED, stored, null));
        owners.update(type.storeKey(), null, stored);
        if (!stored.owners().isEmpty()) {
            collectIfOrphaned(type.storeKey(), stored.namespace(), stored.name());
        }
        return stored;
    }

    /**
     * Replaces or patches an object: {@code change} turns the current object into what the client asks for;
     * {@link ObjectRules#forUpdate} decides what of it is kept. Returns the current object when nothing changed.
     */
    synchronized StoredObject update(ApiType type, String namespace, String name, UnaryOperator<JsonObject> change,
                                     boolean statusOnly) {
        if (statusOnly && !type.statusSubresource()) {
            throw StatusBodies.notFound(type, name);
        }
        StoredObject current = get(type, namespace(type, namespace), name);
        JsonObject before = current.decode();
        JsonObject body = change.apply(before.copy());
        ObjectRules.checkIdentity(type, body, namespace(type, namespace), name);
        JsonObject next = ObjectRules.forUpdate(type, before, body, statusOnly);
        if (next.equals(before)) {
            return current;
        }
        if (type.isCrd() && !statusOnly) {
            List<ApiType> defined = ApiTypes.fromCrd(next); // group and plural are immutable; versions may change
            types.unregister(defined.isEmpty() ? "" : defined.get(0).group(),
                    defined.isEmpty() ? "" : defined.get(0).plural());
            types.register(defined);
        }
        if (ObjectRules.releasable(next)) {
            return remove(type, current, next);
        }
        StoredObject stored = stamp(next);
        store(type).objects.put(stored.key(), stored);
        store(type).hub.publish(new WatchEvent(WatchEvent.MODIFIED, stored, current));
        owners.update(type.storeKey(), current, stored);
        if (!current.owners().containsAll(stored.owners())) {
            collectIfOrphaned(type.storeKey(), stored.namespace(), stored.name());
        }
        return stored;
    }

    /**
     * Deletes an object, or with finalizers marks it (deletionTimestamp) and leaves it to whoever owns them. The
     * propagation policy is the garbage collector's, acting at once: {@code Background} (the default) collects the
     * dependents once the object is removed; {@code Orphan} first drops the references to it from its dependents;
     * {@code Foreground} marks it with the {@value #FOREGROUND} finalizer, deletes its dependents (in the
     * foreground too) and removes the finalizer once no dependent with {@code blockOwnerDeletion} is left.
     *
     * @param options DeleteOptions: {@code preconditions} (uid, resourceVersion), {@code propagationPolicy},
     *                {@code orphanDependents}; grace periods and dry runs are ignored
     */
    synchronized StoredObject delete(ApiType type, String namespace, String name, JsonObject options) {
        StoredObject current = get(type, namespace(type, namespace), name);
        JsonObject o = current.decode();
        JsonObject meta = ObjectRules.metadata(o);
        String policy = propagationPolicy(type, name, options);
        JsonObject preconditions = options == null ? null : options.getJsonObject("preconditions");
        if (preconditions != null) {
            String uid = preconditions.getString("uid");
            if (uid != null && !uid.equals(meta.getString("uid"))) {
                throw new ApiException(StatusBodies.status(409, "Conflict", "Precondition failed: UID in "
                        + "precondition: " + uid + ", UID in object meta: " + meta.getString("uid")));
            }
            String rv = preconditions.getString("resourceVersion");
            if (rv != null && !rv.equals(meta.getString("resourceVersion"))) {
                throw StatusBodies.conflict(type, name);
            }
        }
        String uid = meta.getString("uid");
        if (ORPHAN_POLICY.equals(policy)) {
            orphanDependents(uid);
        }
        boolean foreground = FOREGROUND_POLICY.equals(policy) && !owners.dependents(uid).isEmpty();
        JsonArray finalizers = meta.getJsonArray("finalizers", new JsonArray());
        if (finalizers.isEmpty() && !foreground) {
            return remove(type, current, o);
        }
        boolean marked = meta.getString("deletionTimestamp") != null;
        if (marked && (!foreground || finalizers.contains(FOREGROUND))) {
            return current;
        }
        if (!marked) {
            meta.put("deletionTimestamp", now()).put("deletionGracePeriodSeconds", 0);
        }
        if (foreground) {
            meta.put("finalizers", finalizers.copy().add(FOREGROUND));
        }
        StoredObject stored = stamp(o);
        store(type).objects.put(stored.key(), stored);
        store(type).hub.publish(new WatchEvent(WatchEvent.MODIFIED, stored, current));
        owners.update(type.storeKey(), current, stored);
        if (!foreground) {
            return stored;
        }
        deleteDependents(uid);
        releaseIfNoBlockingDependents(type, stored.namespace(), stored.name());
        StoredObject now = store(type).objects.get(stored.key());
        return now != null ? now : stored;
    }

    /** The DeleteOptions' propagation policy ({@code orphanDependents}, deprecated, included); 422 if invalid. */
    private static String propagationPolicy(ApiType type, String name, JsonObject options) {
        String policy = options == null ? null : options.getString("propagationPolicy");
        Boolean orphan = options == null ? null : options.getBoolean("orphanDependents");
        if (policy != null && orphan != null) {
            throw StatusBodies.invalid(type, name, "propagationPolicy: Invalid value: \"" + policy
                    + "\": orphanDependents and deletionPropagation cannot be both set");
        }
        if (orphan != null) {
            return orphan ? ORPHAN_POLICY : BACKGROUND_POLICY;
        }
        if (policy == null) {
            return BACKGROUND_POLICY;
        }
        if (!List.of(FOREGROUND_POLICY, BACKGROUND_POLICY, ORPHAN_POLICY).contains(policy)) {
            throw StatusBodies.invalid(type, name, "propagationPolicy: Unsupported value: \"" + policy
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        return policy;
    }

    private StoredObject remove(ApiType type, StoredObject current, JsonObject last) {
        StoredObject gone = stamp(last);
        TypeStore store = store(type);
        store.objects.remove(current.key());
        store.hub.publish(new WatchEvent(WatchEvent.DELETED, gone, current));
        owners.update(type.storeKey(), current, null);
        if (type.isCrd()) {
            JsonObject spec = last.getJsonObject("spec");
            String group = spec.getString("group");
            String plural = spec.getJsonObject("names").getString("plural");
            types.unregister(group, plural);
            TypeStore dropped = stores.remove(group + "/" + plural);
            if (dropped != null) {
                dropped.hub.subscriptions().forEach(s -> s.stream().abort());
                for (StoredObject o : dropped.objects.values()) {
                    owners.update(group + "/" + plural, o, null);
                    collect(ObjectRules.metadata(o.decode()).getString("uid"));
                }
            }
        }
        collect(ObjectRules.metadata(last).getString("uid"));
        for (Object ref : ObjectRules.metadata(last).getJsonArray("ownerReferences", new JsonArray())) {
            if (ref instanceof JsonObject r) {
                releaseOwnerIfWaiting(r, gone.namespace());
            }
        }
        return gone;
    }

    // ---------------------------------------------------------------- garbage collection

    /** Orphan propagation: every dependent of {@code uid} loses its references to it, and stays. */
    private void orphanDependents(String uid) {
        for (OwnerIndex.Dependent d : owners.dependents(uid)) {
            withDependent(d, (type, current) -> dropOwner(type, d, uid));
        }
    }

    /**
     * Foreground propagation: each dependent of {@code uid} is deleted in the foreground too, unless it has another
     * owner that is there, in which case it only loses its reference to {@code uid}.
     */
    private void deleteDependents(String uid) {
        for (OwnerIndex.Dependent d : owners.dependents(uid)) {
            withDependent(d, (type, current) -> {
                JsonObject meta = ObjectRules.metadata(current.decode());
                boolean otherOwner = meta.getJsonArray("ownerReferences", new JsonArray()).stream()
                        .anyMatch(ref -> ref instanceof JsonObject r && !uid.equals(r.getString("uid"))
                                && ownerState(r, d.namespace()) == OwnerState.THERE);
                if (otherOwner) {
                    dropOwner(type, d, uid);
                } else {
                    delete(type, d.namespace(), d.name(), new JsonObject().put("propagationPolicy",
                            FOREGROUND_POLICY));
                }
            });
        }
    }

    /** A removed dependent's owner, if it waits in the foreground: released once nothing blocks it any more. */
    private void releaseOwnerIfWaiting(JsonObject ref, String namespace) {
        ownerType(ref).ifPresent(type -> releaseIfNoBlockingDependents(type, type.namespaced() ? namespace : null,
                ref.getString("name", "")));
    }

    /** Removes the {@value #FOREGROUND} finalizer once no dependent with {@code blockOwnerDeletion} is left. */
    private void releaseIfNoBlockingDependents(ApiType type, String namespace, String name) {
        StoredObject owner = find(type.storeKey(), namespace, name);
        if (owner == null) {
            return;
        }
        JsonObject meta = ObjectRules.metadata(owner.decode());
        if (!meta.getJsonArray("finalizers", new JsonArray()).contains(FOREGROUND)) {
            return;
        }
        String uid = meta.getString("uid");
        for (OwnerIndex.Dependent d : owners.dependents(uid)) {
            StoredObject dependent = find(d.storeKey(), d.namespace(), d.name());
            boolean blocks = dependent != null && ObjectRules.metadata(dependent.decode())
                    .getJsonArray("ownerReferences", new JsonArray()).stream()
                    .anyMatch(ref -> ref instanceof JsonObject r && uid.equals(r.getString("uid"))
                            && Boolean.TRUE.equals(r.getBoolean("blockOwnerDeletion")));
            if (blocks) {
                return;
            }
        }
        update(type, namespace, name, o -> {
            JsonObject m = ObjectRules.metadata(o);
            m.put("finalizers", without(m.getJsonArray("finalizers"), FOREGROUND::equals));
            return o;
        }, false);
    }

    private interface DependentAction {
        void apply(ApiType type, StoredObject current);
    }

    /** Runs {@code action} on the dependent if it is still there and its type still served. */
    private void withDependent(OwnerIndex.Dependent d, DependentAction action) {
        StoredObject current = find(d.storeKey(), d.namespace(), d.name());
        Optional<ApiType> type = servedType(d.storeKey());
        if (current != null && type.isPresent()) {
            action.apply(type.get(), current);
        }
    }

    /** The dependent's references to {@code uid} go; the dependent stays. */
    private void dropOwner(ApiType type, OwnerIndex.Dependent d, String uid) {
        update(type, d.namespace(), d.name(), o -> {
            JsonObject m = ObjectRules.metadata(o);
            m.put("ownerReferences", without(m.getJsonArray("ownerReferences", new JsonArray()),
                    ref -> ref instanceof JsonObject r && uid.equals(r.getString("uid"))));
            return o;
        }, false);
    }

    /** {@code items} without those {@code drop} matches, in order. */
    private static JsonArray without(JsonArray items, Predicate<Object> drop) {
        JsonArray kept = new JsonArray();
        for (Object item : items) {
            if (!drop.test(item)) {
                kept.add(item);
            }
        }
        return kept;
    }

    /** The stored object, or null. */
    private StoredObject find(String storeKey, String namespace, String name) {
        TypeStore store = stores.get(storeKey);
        return store == null ? null : store.objects.get(StoredObject.key(namespace, name));
    }

    /** The served type whose objects are stored under {@code storeKey}. */
    private Optional<ApiType> servedType(String storeKey) {
        return types.all().stream().filter(t -> t.storeKey().equals(storeKey)).findFirst();
    }

    /** The served type an ownerReference names (group of its apiVersion, and kind). */
    private Optional<ApiType> ownerType(JsonObject ref) {
        String apiVersion = ref.getString("apiVersion", "");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = ref.getString("kind", "");
        return types.all().stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
    }

    /** Collects what {@code uid}, now gone, owned. */
    private void collect(String uid) {
        for (OwnerIndex.Dependent d : owners.dependents(uid)) {
            collectIfOrphaned(d.storeKey(), d.namespace(), d.name());
        }
    }

    /**
     * Deletes the object when every owner its {@code ownerReferences} name is gone, or drops the references to
     * the gone ones when another owner is there. An owner that cannot be told (a kind not served, a namespaced
     * owner of a cluster-scoped object) keeps the object as it is, as the real collector does.
     */
    private void collectIfOrphaned(String storeKey, String namespace, String name) {
        StoredObject current = find(storeKey, namespace, name);
        Optional<ApiType> type = servedType(storeKey);
        if (current == null || type.isEmpty()) {
            return;
        }
        JsonArray refs = ObjectRules.metadata(current.decode()).getJsonArray("ownerReferences", new JsonArray());
        JsonArray kept = without(refs,
                ref -> ref instanceof JsonObject r && ownerState(r, namespace) == OwnerState.GONE);
        if (kept.size() == refs.size()) {
            return;
        }
        if (kept.isEmpty()) {
            delete(type.get(), namespace, name, null);
        } else {
            update(type.get(), namespace, name, o -> {
                ObjectRules.metadata(o).put("ownerReferences", kept);
                return o;
            }, false);
        }
    }

    private enum OwnerState { THERE, GONE, UNKNOWN }

    /** The owner an ownerReference names: same group, kind, name and uid; namespaced owners in {@code namespace}. */
    private OwnerState ownerState(JsonObject ref, String namespace) {
        Optional<ApiType> type = ownerType(ref);
        if (type.isEmpty() || (type.get().namespaced() && namespace == null)) {
            return OwnerState.UNKNOWN;
        }
        StoredObject owner = find(type.get().storeKey(), namespace(type.get(), namespace), ref.getString("name", ""));
        boolean there = owner != null
                && ObjectRules.metadata(owner.decode()).getString("uid", "").equals(ref.getString("uid"));
        return there ? OwnerState.THERE : OwnerState.GONE;
    }

    /** The next resourceVersion, set on the object, and the object encoded for storage. */
    private StoredObject stamp(JsonObject o) {
        ObjectRules.metadata(o).put("resourceVersion", Long.toString(++resourceVersion));
        return StoredObject.of(o);
    }

    // ---------------------------------------------------------------- watches

    /**
     * Opens a watch from {@code fromVersion}: null, empty or "0" starts with ADDED events for the current
     * objects; a known resourceVersion replays what happened after it; one older than the history gets an ERROR
     * event (410 Expired) and the end of the watch.
     */
    synchronized void watch(ApiType type, WatchSubscription s, String fromVersion, boolean initialEvents) {
        TypeStore store = store(type);
        boolean fromNow = fromVersion == null || fromVersion.isEmpty() || fromVersion.equals("0");
        if (initialEvents || fromNow) {
            store.objects.values().forEach(s::added);
            if (initialEvents) {
                s.initialEventsEnd(resourceVersion);
            }
        } else {
            long from = parseVersion(fromVersion);
            if (!store.hub.canResumeFrom(from)) {
                s.stream().send(WatchFrames.error(StatusBodies.expired(from, store.hub.floor() + 1)));
                s.stream().finish();
                return;
            }
            store.hub.since(from).forEach(s::offer);
        }
        store.hub.add(s);
    }

    synchronized void unwatch(ApiType type, WatchSubscription s) {
        TypeStore store = stores.get(type.storeKey());
        if (store != null) {
            store.hub.remove(s);
        }
    }

    /** Ends a watch cleanly (its timeoutSeconds ran out). */
    synchronized void endWatch(ApiType type, WatchSubscription s) {
        unwatch(type, s);
        s.stream().finish();
    }

    synchronized void bookmarks() {
        for (TypeStore store : stores.values()) {
            store.hub.subscriptions().forEach(s -> s.bookmark(resourceVersion));
        }
    }

    synchronized int openWatches() {
        return stores.values().stream().mapToInt(s -> s.hub.subscriptions().size()).sum();
    }

    /** Ends every open watch with one last event, {@code type} with {@code object}; returns how many. */
    synchronized int endWatches(String type, JsonObject object) {
        int n = 0;
        for (TypeStore store : stores.values()) {
            for (WatchSubscription s : store.hub.subscriptions()) {
                s.stream().send(WatchFrames.event(type, object));
                s.stream().finish();
                n++;
            }
            store.hub.clearSubscriptions();
        }
        return n;
    }

    synchronized int dropWatches() {
        int n = 0;
        for (TypeStore store : stores.values()) {
            for (WatchSubscription s : store.hub.subscriptions()) {
                s.stream().abort();
                n++;
            }
            store.hub.clearSubscriptions();
        }
        return n;
    }

    /** Every history emptied: a watch resumed from any resourceVersion handed out so far gets 410 Expired. */
    synchronized void forgetHistory() {
        long floor = ++resourceVersion;
        stores.values().forEach(s -> s.hub.forget(floor));
    }

    static long parseVersion(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw StatusBodies.badRequest("invalid resource version: " + version);
        }
    }

    private TypeStore store(ApiType type) {
        return stores.computeIfAbsent(type.storeKey(), k -> new TypeStore(historyLimit));
    }

    private static String namespace(ApiType type, String namespace) {
        return type.namespaced() ? namespace : null;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
