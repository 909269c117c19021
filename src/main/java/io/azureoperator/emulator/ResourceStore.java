package io.azureoperator.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Resources keyed by lower-cased ARM ID ({@link ArmId#key()}). Plain Java, safe from any thread. */
final class ResourceStore {

    private final ConcurrentHashMap<String, StoredResource> byKey = new ConcurrentHashMap<>();
    /** Times each key went from absent to present, and from present to absent (never reset). */
    private final ConcurrentHashMap<String, Integer> creations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> deletions = new ConcurrentHashMap<>();

    Optional<StoredResource> get(ArmId id) {
        return Optional.ofNullable(byKey.get(id.key()));
    }

    void put(StoredResource resource) {
        if (byKey.put(resource.id().key(), resource) == null) {
            creations.merge(resource.id().key(), 1, Integer::sum);
        }
    }

    int creations(ArmId id) {
        return creations.getOrDefault(id.key(), 0);
    }

    int deletions(ArmId id) {
        return deletions.getOrDefault(id.key(), 0);
    }

    /** The IDs of every stored resource, as formatted in their bodies, ordered. */
    List<String> ids() {
        return select(e -> true).stream().map(e -> e.body().getString("id", e.id().toString())).toList();
    }

    /** Creation counts by lower-cased ARM ID. */
    java.util.Map<String, Integer> creationCounts() {
        return java.util.Map.copyOf(creations);
    }

    /** Removes the resource and everything nested under it; returns what was removed. */
    List<StoredResource> removeTree(ArmId id) {
        String key = id.key();
        String prefix = key + "/";
        List<StoredResource> removed = new ArrayList<>();
        byKey.entrySet().removeIf(e -> {
            boolean match = e.getKey().equals(key) || e.getKey().startsWith(prefix);
            if (match) {
                removed.add(e.getValue());
                deletions.merge(e.getKey(), 1, Integer::sum);
            }
            return match;
        });
        return removed;
    }

    /** Direct children of {@code parent} with the given type segment, ordered by ID. */
    List<StoredResource> children(ArmId parent, String childType) {
        String prefix = parent.key() + "/" + childType.toLowerCase(Locale.ROOT) + "/";
        return select(e -> e.id().key().startsWith(prefix)
                && e.id().key().indexOf('/', prefix.length()) < 0);
    }

    /** Resources of a full type in a subscription, optionally limited to one resource group, ordered by ID. */
    List<StoredResource> list(String subscription, String resourceGroup, String fullType) {
        return select(e -> e.id().subscription().equalsIgnoreCase(subscription)
                && (resourceGroup == null || e.id().resourceGroup().equalsIgnoreCase(resourceGroup))
                && e.id().fullType().equalsIgnoreCase(fullType));
    }

    /** Storage account names are global: finds another account with this name anywhere. */
    Optional<StoredResource> findByTypeAndName(String fullType, String name, ArmId except) {
        return select(e -> e.id().fullType().equalsIgnoreCase(fullType) && e.id().name().equalsIgnoreCase(name)
                && !e.id().key().equals(except.key())).stream().findFirst();
    }

    private List<StoredResource> select(Predicate<StoredResource> filter) {
        return byKey.values().stream().filter(filter)
                .sorted(Comparator.comparing(r -> r.id().key()))
                .toList();
    }
}
