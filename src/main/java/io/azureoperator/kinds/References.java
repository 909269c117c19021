package io.azureoperator.kinds;

import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.ArmId;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns ASO references in a spec into ARM sub-resource IDs: {@code {reference: {group, kind, name}}},
 * {@code {reference: {armId}}} and {@code {armId}} become {@code {id: <ARM ID>}}, wherever they appear; at the
 * paths a kind declares, also next to other fields (which are kept), or as a plain string or a map of IDs.
 */
public final class References {

    private final KindRegistry kinds;
    private final BiFunction<KindDescriptor, ResourceKey, Optional<GenericKubernetesResource>> lookup;

    public References(KindRegistry kinds,
                      BiFunction<KindDescriptor, ResourceKey, Optional<GenericKubernetesResource>> lookup) {
        this.kinds = kinds;
        this.lookup = lookup;
    }

    /** Resolves the references of {@code spec}: the kind's string and map references, then every object one. */
    public Resolution<JsonObject> resolve(KindDescriptor kind, String namespace, JsonObject spec) {
        JsonObject copy = spec.copy();
        for (KindDescriptor.ReferenceField field : kind.references()) {
            Resolution<JsonObject> problem = declared(namespace, copy, field.path().split("\\."), 0, "", field);
            if (problem != null) {
                return problem;
            }
        }
        return resolve(namespace, copy);
    }

    /** Rewrites the declared reference at {@code path[i..]} under {@code node}; a problem, or null. */
    private Resolution<JsonObject> declared(String namespace, JsonObject node, String[] path, int i, String where,
                            KindDescriptor.ReferenceField field) {
        boolean each = path[i].endsWith("[]");
        String name = each ? path[i].substring(0, path[i].length() - 2) : path[i];
        Object value = node.getValue(name);
        String here = where.isEmpty() ? name : where + "." + name;
        if (value == null) {
            return null;
        }
        if (i + 1 < path.length) {
            if (each && value instanceof JsonArray a) {
                for (int k = 0; k < a.size(); k++) {
                    if (a.getValue(k) instanceof JsonObject item) {
                        Resolution<JsonObject> r = declared(namespace, item, path, i + 1, here + "[" + k + "]", field);
                        if (r != null) {
                            return r;
                        }
                    }
                }
                return null;
            }
            return value instanceof JsonObject o ? declared(namespace, o, path, i + 1, here, field) : null;
        }
        if ("map".equals(field.arm()) && value instanceof JsonArray refs) {
            JsonObject map = new JsonObject();
            for (int k = 0; k < refs.size(); k++) {
                Object item = refs.getValue(k);
                JsonObject ref = item instanceof JsonObject o && o.getValue("reference") instanceof JsonObject r ? r
                        : item instanceof JsonObject o ? o : null;
                if (ref == null) {
                    return new Resolution.Invalid<>("spec." + here + "[" + k + "] must be a reference");
                }
                Object[] out = new Object[1];
                Resolution<JsonObject> r = reference(namespace, here + "[" + k + "]", ref, out);
                if (r != null) {
                    return r;
                }
                map.put(((JsonObject) out[0]).getString("id"), new JsonObject());
            }
            node.put(name, map);
            return null;
        }
        if ("object".equals(field.arm())) {
            if (each && value instanceof JsonArray items) {
                for (int k = 0; k < items.size(); k++) {
                    Resolution<JsonObject> r = inPlace(namespace, here + "[" + k + "]", items.getValue(k));
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            }
            return inPlace(namespace, here, value);
        }
        if ("string".equals(field.arm()) && value instanceof JsonObject ref) {
            Object[] out = new Object[1];
            Resolution<JsonObject> r = reference(namespace, here, ref, out);
            if (r != null) {
                return r;
            }
            node.remove(name);
            node.put(field.armName() == null ? name : field.armName(), ((JsonObject) out[0]).getString("id"));
            return null;
        }
        return new Resolution.Invalid<>("spec." + here + " must be a reference");
    }

    /**
     * Resolves an object reference where it stands: {@code reference} or {@code armId} becomes {@code id}, the
     * object's other fields (a storage virtualNetworkRule's {@code action}) are kept. A problem, or null.
     */
    private Resolution<JsonObject> inPlace(String namespace, String path, Object value) {
        if (!(value instanceof JsonObject o)
                || !(o.getValue("reference") instanceof JsonObject || o.getValue("armId") instanceof String)) {
            return new Resolution.Invalid<>("spec." + path + " must name a resource: {reference: {group, kind, "
                    + "name}} or {armId: <ARM ID>}");
        }
        Object[] out = new Object[1];
        Resolution<JsonObject> r = reference(namespace, path, o, out);
        if (r != null) {
            return r;
        }
        o.remove("reference");
        o.remove("armId");
        o.put("id", ((JsonObject) out[0]).getString("id"));
        return null;
    }

    /** Resolves the object references of {@code spec} (Kubernetes-only fields are left alone). */
    public Resolution<JsonObject> resolve(String namespace, JsonObject spec) {
        JsonObject out = new JsonObject();
        for (String field : spec.fieldNames()) {
            Object value = spec.getValue(field);
            if (KindDescriptor.KUBERNETES_ONLY.contains(field)) {
                out.put(field, value);
                continue;
            }
            Object[] resolved = new Object[1];
            Resolution<JsonObject> problem = walk(namespace, field, value, resolved);
            if (problem != null) {
                return problem;
            }
            out.put(field, resolved[0]);
        }
        return new Resolution.Resolved<>(out);
    }

    /** Resolves {@code value} into {@code out[0]}; returns a problem, or null when fine. */
    private Resolution<JsonObject> walk(String namespace, String path, Object value, Object[] out) {
        if (value instanceof JsonObject o) {
            if (isReference(o)) {
                return reference(namespace, path, o, out);
            }
            JsonObject copy = new JsonObject();
            for (String field : o.fieldNames()) {
                Object[] inner = new Object[1];
                Resolution<JsonObject> problem = walk(namespace, path + "." + field, o.getValue(field), inner);
                if (problem != null) {
                    return problem;
                }
                copy.put(field, inner[0]);
            }
            out[0] = copy;
            return null;
        }
        if (value instanceof JsonArray a) {
            JsonArray copy = new JsonArray();
            for (int i = 0; i < a.size(); i++) {
                Object[] inner = new Object[1];
                Resolution<JsonObject> problem = walk(namespace, path + "[" + i + "]", a.getValue(i), inner);
                if (problem != null) {
                    return problem;
                }
                copy.add(inner[0]);
            }
            out[0] = copy;
            return null;
        }
        out[0] = value;
        return null;
    }

    static boolean isReference(JsonObject o) {
        return (o.size() == 1 && o.getValue("reference") instanceof JsonObject)
                || (o.size() == 1 && o.getValue("armId") instanceof String);
    }

    private Resolution<JsonObject> reference(String namespace, String path, JsonObject o, Object[] out) {
        JsonObject ref = o.getValue("reference") instanceof JsonObject r ? r : o;
        String armId = ref.getValue("armId") instanceof String s ? s : null;
        if (armId != null) {
            Optional<ArmId> parsed = ArmId.tryParse(armId);
            if (parsed.isEmpty()) {
                return new Resolution.Invalid<>("spec." + path + ": armId '" + armId + "' is not an ARM resource ID");
            }
            out[0] = new JsonObject().put("id", parsed.get().toString());
            return null;
        }
        String group = ref.getString("group");
        String kind = ref.getString("kind");
        String name = ref.getString("name");
        if (group == null || kind == null || name == null || name.isBlank()) {
            return new Resolution.Invalid<>("spec." + path + ".reference needs group, kind and name (or armId)");
        }
        String refNamespace = ref.getString("namespace");
        if (refNamespace != null && !refNamespace.equals(namespace)) {
            return new Resolution.Invalid<>("spec." + path + ".reference points to namespace " + refNamespace
                    + "; references must stay in namespace " + namespace);
        }
        if (!ArmIdResolver.KUBERNETES_NAME.matcher(name).matches()) {
            return new Resolution.Invalid<>("spec." + path + ".reference.name '" + name
                    + "' is not the name of a resource in this namespace");
        }
        Optional<KindDescriptor> target = kinds.find(group, kind);
        if (target.isEmpty()) {
            return new Resolution.Invalid<>("spec." + path + ".reference: unknown kind " + kind + "." + group);
        }
        String dependency = dependency(target.get(), namespace, name);
        Optional<GenericKubernetesResource> found = lookup.apply(target.get(), new ResourceKey(namespace, name));
        if (found.isEmpty()) {
            return new Resolution.Waiting<>(dependency, "spec." + path + ": " + kind + " " + name + " does not exist");
        }
        Optional<String> id = Resources.createdArmId(found.get()).map(ArmId::toString);
        if (id.isEmpty()) {
            return new Resolution.Waiting<>(dependency, "spec." + path + ": " + kind + " " + name
                    + " has not been created in Azure yet");
        }
        out[0] = new JsonObject().put("id", id.get());
        return null;
    }

    /** The name a resource is waited on by: {@code Kind.group/namespace/name}. */
    public static String dependency(KindDescriptor kind, String namespace, String name) {
        return kind.id() + "/" + namespace + "/" + name;
    }
}
