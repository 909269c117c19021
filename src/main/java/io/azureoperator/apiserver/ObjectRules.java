package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a real API server does to an object on create and update, as plain functions on JSON: server-owned
 * metadata, the status subresource split, generation, resourceVersion preconditions and finalizer rules. The
 * caller assigns resourceVersions and stores the result.
 */
final class ObjectRules {
    /** The metadata fields clients cannot change on update. */
    private static final String[] SERVER_OWNED = {"uid", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "generation", "selfLink"};
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private ObjectRules() {
    }

    /** The object to store for a create in {@code namespace} (null for cluster-scoped types). */
    static JsonObject forCreate(ApiType type, JsonObject body, String namespace, String now) {
        JsonObject o = body.copy();
        checkKind(type, o);
        JsonObject meta = metadata(o);
        if (type.namespaced()) {
            String own = meta.getString("namespace");
            if (own != null && !own.isEmpty() && !own.equals(namespace)) {
                throw StatusBodies.badRequest("the namespace of the provided object does not match the namespace "
                        + "sent on the request");
            }
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        String name = meta.getString("name");
        if (name == null || name.isEmpty()) {
            String prefix = meta.getString("generateName");
            if (prefix == null || prefix.isEmpty()) {
                throw StatusBodies.invalid(type, "", "metadata.name: Required value: name or generateName is "
                        + "required");
            }
            meta.put("name", prefix + randomSuffix());
        }
        for (String field : SERVER_OWNED) {
            meta.remove(field);
        }
        meta.remove("resourceVersion");
        meta.put("uid", uid()).put("creationTimestamp", now);
        if (type.generation()) {
            meta.put("generation", 1L);
        }
        if (type.statusSubresource()) {
            o.remove("status");
        }
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            o.put("status", new JsonObject().put("phase", "Active"));
        }
        return o;
    }

    /**
     * The object an update turns {@code current} into. {@code body} is what the client sent (or the current object
     * with the client's patch applied); {@code statusOnly} for the status subresource. The result still carries
     * the current resourceVersion: equal to {@code current} means nothing changed.
     */
    static JsonObject forUpdate(ApiType type, JsonObject current, JsonObject body, boolean statusOnly) {
        JsonObject meta = metadata(body);
        JsonObject now = metadata(current);
        String precondition = meta.getString("resourceVersion");
        String name = now.getString("name");
        if (precondition != null && !precondition.isEmpty()
                && !precondition.equals(now.getString("resourceVersion"))) {
            throw StatusBodies.conflict(type, name);
        }
        JsonObject next;
        if (statusOnly) {
            next = current.copy();
            putOrRemove(next, "status", MergePatch.copy(body.getValue("status")));
        } else {
            next = body.copy();
            checkKind(type, next);
            JsonObject nextMeta = metadata(next);
            for (String field : SERVER_OWNED) {
                putOrRemove(nextMeta, field, now.getValue(field));
            }
            nextMeta.put("name", name);
            putOrRemove(nextMeta, "namespace", now.getValue("namespace"));
            if (type.statusSubresource()) {
                putOrRemove(next, "status", MergePatch.copy(current.getValue("status")));
            }
            checkFinalizers(type, current, next);
            if (type.generation() && !Objects.equals(specOf(type, current), specOf(type, next))) {
                nextMeta.put("generation", now.getLong("generation", 0L) + 1);
            }
        }
        metadata(next).put("resourceVersion", now.getString("resourceVersion"));
        return next;
    }

    /** A 400 when a body names another object than the URL does. */
    static void checkIdentity(ApiType type, JsonObject body, String namespace, String name) {
        JsonObject meta = metadata(body);
        String own = meta.getString("name");
        if (own != null && !own.isEmpty() && !own.equals(name)) {
            throw StatusBodies.badRequest("the name of the object (" + own + ") does not match the name on the URL ("
                    + name + ")");
        }
        String ns = meta.getString("namespace");
        if (type.namespaced() && ns != null && !ns.isEmpty() && !ns.equals(namespace)) {
            throw StatusBodies.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
    }

    /** Marked for deletion and no finalizer left: the update that got it here deletes it. */
    static boolean releasable(JsonObject object) {
        JsonObject meta = metadata(object);
        return meta.getString("deletionTimestamp") != null
                && meta.getJsonArray("finalizers", new JsonArray()).isEmpty();
    }

    static boolean hasFinalizers(JsonObject object) {
        return !metadata(object).getJsonArray("finalizers", new JsonArray()).isEmpty();
    }

    static JsonObject metadata(JsonObject o) {
        JsonObject meta = o.getJsonObject("metadata");
        if (meta == null) {
            meta = new JsonObject();
            o.put("metadata", meta);
        }
        return meta;
    }

    private static void checkFinalizers(ApiType type, JsonObject current, JsonObject next) {
        if (metadata(current).getString("deletionTimestamp") == null) {
            return;
        }
        JsonArray had = metadata(current).getJsonArray("finalizers", new JsonArray());
        JsonArray added = new JsonArray();
        metadata(next).getJsonArray("finalizers", new JsonArray()).forEach(f -> {
            if (!had.contains(f)) {
                added.add(f);
            }
        });
        if (!added.isEmpty()) {
            throw StatusBodies.invalid(type, metadata(current).getString("name"), "metadata.finalizers: "
                    + "Forbidden: no new finalizers can be added if the object is being deleted, found new "
                    + "finalizers " + added.encode());
        }
    }

    private static void checkKind(ApiType type, JsonObject o) {
        String apiVersion = o.getString("apiVersion");
        if (apiVersion != null && !apiVersion.equals(type.apiVersion())) {
            throw StatusBodies.badRequest("the API version in the data (" + apiVersion + ") does not match the "
                    + "expected API version (" + type.apiVersion() + ")");
        }
        String kind = o.getString("kind");
        if (kind != null && !kind.equals(type.kind())) {
            throw StatusBodies.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        o.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    }

    /** What generation counts: everything but metadata, and but status where status is a subresource. */
    private static JsonObject specOf(ApiType type, JsonObject o) {
        JsonObject copy = o.copy();
        copy.remove("metadata");
        if (type.statusSubresource()) {
            copy.remove("status");
        }
        return copy;
    }

    private static void putOrRemove(JsonObject o, String field, Object value) {
        if (value == null) {
            o.remove(field);
        } else {
            o.put(field, value);
        }
    }

    private static String uid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String randomSuffix() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            b.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }
}
