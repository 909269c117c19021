package io.azureoperator.reconcile;

import io.azureoperator.kinds.ArmBodies;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kube.CrStore;
import io.azureoperator.kube.OwnWrites;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.ArmId;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.azureoperator.model.ReadyState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's writes to its resource (finalizer, annotations, status). Each write carries the resourceVersion of
 * the copy before it and returns the stored copy, which later writes and reads build on; each is recorded in
 * {@link OwnWrites}, so the next run does not act on a cached copy this one already replaced.
 */
final class ResourceWrites {
    /** How often a conflict may make the poller-resume-token be written again on a newer copy. */
    private static final int TOKEN_ATTEMPTS = 3;

    private final KindDescriptor kind;
    private final CrStore store;
    private final ResourceCache cache;
    private final OwnWrites ownWrites;
    private final Clock clock;
    /** Records the next periodic sync with each status write (empty: AZURE_SYNC_PERIOD=never). */
    private final Optional<SyncSchedule> syncs;
    private final RunHooks hooks;
    /** The generation the run acts on: its conditions say which spec was applied. */
    private final long generation;
    private GenericKubernetesResource current;

    ResourceWrites(KindDescriptor kind, CrStore store, ResourceCache cache, OwnWrites ownWrites, Clock clock,
                   Optional<SyncSchedule> syncs, GenericKubernetesResource resource, RunHooks hooks) {
        this.kind = kind;
        this.hooks = hooks;
        this.syncs = syncs;
        this.store = store;
        this.cache = cache;
        this.ownWrites = ownWrites;
        this.clock = clock;
        this.current = resource;
        this.generation = Resources.generation(resource);
    }

    /** The latest copy: the one the run started with, or what its last write returned. */
    GenericKubernetesResource current() {
        return current;
    }

    long generation() {
        return generation;
    }

    /** Whether the finalizer and the resource-id annotation are in place. */
    boolean claimed() {
        return Resources.hasFinalizer(current) && Resources.annotation(current, Annotations.RESOURCE_ID).isPresent();
    }

    /** Whether the ownerReference to {@code owner} is in place. */
    boolean owned(OwnerReference owner) {
        return current.getMetadata().getOwnerReferences() != null && current.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> o.getUid().equals(owner.getUid()));
    }

    /** Whether an ownerReference to another object of {@code owner}'s kind is in place (the owner changed). */
    boolean ownedByAnother(OwnerReference owner) {
        return current.getMetadata().getOwnerReferences() != null && current.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> o.getKind().equals(owner.getKind()) && group(o).equals(group(owner))
                        && !o.getUid().equals(owner.getUid()));
    }

    /** Persists the finalizer and the resource-id annotation. */
    Future<Void> claim(ArmId id) {
        return metadata(meta -> {
            List<String> finalizers = meta.getFinalizers() == null ? new ArrayList<>()
                    : new ArrayList<>(meta.getFinalizers());
            if (!finalizers.contains(Annotations.FINALIZER)) {
                finalizers.add(Annotations.FINALIZER);
            }
            meta.setFinalizers(finalizers);
            annotations(meta).put(Annotations.RESOURCE_ID, id.toString());
        });
    }

    /**
     * Adds the ownerReference to the owner custom resource; one to another object of the owner's kind (an owner
     * renamed before the resource was created) goes. Other ownerReferences are kept.
     */
    Future<Void> adopt(OwnerReference owner) {
        return metadata(meta -> {
            List<OwnerReference> refs = new ArrayList<>(meta.getOwnerReferences() == null ? List.of()
                    : meta.getOwnerReferences());
            refs.removeIf(o -> o.getKind().equals(owner.getKind()) && group(o).equals(group(owner)));
            refs.add(owner);
            meta.setOwnerReferences(refs);
        });
    }

    private static String group(OwnerReference o) {
        String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /**
     * Keeps the URL of an ARM operation in flight (the poller-resume-token). ARM has started the operation, so a
     * conflict (someone changed the resource meanwhile) must not lose it: the token is written on the newest copy.
     */
    Future<Void> setToken(String operationUrl) {
        return setToken(operationUrl, TOKEN_ATTEMPTS);
    }

    private Future<Void> setToken(String operationUrl, int attempts) {
        return metadata(meta -> annotations(meta).put(Annotations.POLLER_RESUME_TOKEN, operationUrl)).recover(t -> {
            if (attempts <= 1 || !(t instanceof KubernetesClientException k && k.getCode() == 409)) {
                return Future.failedFuture(t);
            }
            return store.get(kind, current).compose(newest -> {
                current = newest;
                return setToken(operationUrl, attempts - 1);
            });
        });
    }

    Future<Void> clearToken() {
        return metadata(meta -> {
            if (meta.getAnnotations() != null) {
                meta.getAnnotations().remove(Annotations.POLLER_RESUME_TOKEN);
            }
        });
    }

    /** Removes the finalizer (and any token): the API server deletes the object if nothing else holds it. */
    Future<Void> releaseFinalizer() {
        return metadata(meta -> {
            List<String> finalizers = new ArrayList<>(meta.getFinalizers());
            finalizers.remove(Annotations.FINALIZER);
            meta.setFinalizers(finalizers);
            if (meta.getAnnotations() != null) {
                meta.getAnnotations().remove(Annotations.POLLER_RESUME_TOKEN);
            }
        });
    }

    /**
     * Writes the status when it changed: the ARM mirror ({@code armBody}, or the current mirror when null) plus
     * the Ready condition for {@code state} at the run's generation. A write also records the next periodic sync
     * ({@link SyncSchedule}); that alone never makes a write.
     */
    Future<Void> status(JsonObject armBody, ReadyState state) {
        return statusMirroring(armBody == null ? null : ArmBodies.toStatus(armBody), state);
    }

    /** As {@link #status}, with the mirror already flattened ({@code mirror}; null keeps the current one). */
    Future<Void> statusMirroring(JsonObject mirror, ReadyState state) {
        JsonObject before = Resources.status(current);
        JsonArray conditions = before.getJsonArray("conditions", new JsonArray());
        Condition previous = Conditions.find(conditions, Condition.READY).orElse(null);
        Condition ready = state.toCondition(generation, previous,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        JsonObject next = mirror == null ? before.copy() : mirror.copy();
        next.remove("conditions");
        next.put("conditions", Conditions.replace(conditions, ready));
        next.remove(SyncSchedule.STATUS_FIELD);
        if (before.containsKey(SyncSchedule.STATUS_FIELD)) {
            next.put(SyncSchedule.STATUS_FIELD, before.getValue(SyncSchedule.STATUS_FIELD));
        }
        if (previous != null && previous.sameAs(ready) && sameJson(before, next)) {
            return Future.succeededFuture();
        }
        syncs.ifPresent(s -> next.put(SyncSchedule.STATUS_FIELD,
                SyncSchedule.format(s.afterWrite(current.getMetadata().getUid(), clock.millis()))));
        return write(() -> store.updateStatus(kind, current, next));
    }

    private Future<Void> metadata(java.util.function.Consumer<ObjectMeta> change) {
        return write(() -> store.updateMetadata(kind, current, change));
    }

    private Future<Void> write(java.util.function.Supplier<Future<GenericKubernetesResource>> send) {
        ResourceKey key = ResourceKey.of(current);
        ownWrites.writing(key);
        return send.get().onFailure(t -> ownWrites.notWritten(key)).map(this::remember).mapEmpty();
    }

    private GenericKubernetesResource remember(GenericKubernetesResource updated) {
        ownWrites.record(current, updated); // null: the API server deleted it (its last finalizer went)
        cache.get(ResourceKey.of(current)).ifPresent(ownWrites::cacheHolds); // the watch may have been faster
        if (updated != null) {
            current = updated;
            hooks.wrote(updated.getMetadata().getResourceVersion());
        }
        return current;
    }

    private static Map<String, String> annotations(ObjectMeta meta) {
        if (meta.getAnnotations() == null) {
            meta.setAnnotations(new HashMap<>());
        }
        return meta.getAnnotations();
    }

    private static boolean sameJson(JsonObject a, JsonObject b) {
        return new JsonObject(a.encode()).equals(new JsonObject(b.encode()));
    }
}
