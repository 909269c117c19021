package io.azureoperator.kinds;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kinds this operator serves, loaded from the kind files listed in {@code kinds/index.txt}. */
public final class KindRegistry {
    private final List<KindDescriptor> kinds;

    public KindRegistry(List<KindDescriptor> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** The built-in kinds. */
    public static KindRegistry builtIn() {
        List<KindDescriptor> out = new ArrayList<>();
        for (String file : read("kinds/index.txt").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            out.add(parse(file, read("kinds/" + file)));
        }
        return new KindRegistry(out);
    }

    public List<KindDescriptor> all() {
        return kinds;
    }

    public Optional<KindDescriptor> find(String group, String kind) {
        return kinds.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst();
    }

    /** Parses one kind file (also used by tests that define extra kinds). */
    public static KindDescriptor parseKind(String file, String yaml) {
        return parse(file, yaml);
    }

    @SuppressWarnings("unchecked")
    static KindDescriptor parse(String file, String yaml) {
        JsonObject j;
        try {
            j = new JsonObject(Serialization.unmarshal(yaml, Map.class));
        } catch (RuntimeException e) {
            throw new IllegalStateException("kind file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonObject owner = j.getJsonObject("owner");
        return new KindDescriptor(
                need(j, "group", file), need(j, "version", file), need(j, "kind", file), need(j, "plural", file),
                need(j, "armType", file), need(j, "apiVersion", file),
                owner == null ? Optional.empty()
                        : Optional.of(new KindDescriptor.OwnerKind(need(owner, "group", file), need(owner, "kind", file))),
                new LinkedHashSet<>(j.getJsonArray("envelope", new io.vertx.core.json.JsonArray()).getList()),
                j.getJsonObject("spec", new JsonObject()),
                j.getJsonObject("status", new JsonObject()),
                exports(j.getJsonObject("exports", new JsonObject()), file),
                List.copyOf(j.getJsonArray("preserveOnPut", new io.vertx.core.json.JsonArray()).getList()),
                j.getJsonArray("nestedProperties", new io.vertx.core.json.JsonArray()).stream()
                        .map(o -> (JsonObject) o)
                        .map(o -> new KindDescriptor.NestedProperties(need(o, "path", file),
                                List.copyOf(o.getJsonArray("properties").getList())))
                        .toList(),
                j.getJsonArray("references", new io.vertx.core.json.JsonArray()).stream()
                        .map(o -> (JsonObject) o)
                        .map(o -> new KindDescriptor.ReferenceField(need(o, "path", file), referenceArm(o, file),
                                o.getString("armName")))
                        .toList());
    }

    private static Map<String, ExportSource> exports(JsonObject j, String file) {
        Map<String, ExportSource> out = new java.util.LinkedHashMap<>();
        for (String name : j.fieldNames()) {
            JsonObject e = j.getJsonObject(name);
            if (e.getString("status") != null) {
                out.put(name, new ExportSource(e.getString("status"), null, null, null, null));
            } else {
                out.put(name, new ExportSource(null, need(e, "action", file), need(e, "apiVersion", file),
                        need(e, "path", file), e.getString("changesWith")));
            }
        }
        return Map.copyOf(out);
    }

    private static String referenceArm(JsonObject reference, String file) {
        String arm = need(reference, "arm", file);
        if (!List.of("object", "string", "map").contains(arm)) {
            throw new IllegalStateException("kind file " + file + ": reference " + reference.getString("path")
                    + " has arm '" + arm + "'; expected object, string or map");
        }
        return arm;
    }

    private static String need(JsonObject j, String key, String file) {
        Object v = j.getValue(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalStateException("kind file " + file + " lacks '" + key + "'");
        }
        return v.toString();
    }

    private static String read(String resource) {
        try (InputStream in = KindRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
