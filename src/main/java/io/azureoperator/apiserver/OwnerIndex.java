package io.azureoperator.apiserver;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which objects name which owner uid in {@code metadata.ownerReferences}: where the garbage collector looks when
 * an owner goes, without reading every object. Not thread-safe: {@link ObjectStore} calls it under its lock.
 */
final class OwnerIndex {
    /** An object that names an owner; {@code storeKey} as {@link ApiType#storeKey()} (any version of a CRD). */
    record Dependent(String storeKey, String namespace, String name) {
    }

    private final Map<String, Set<Dependent>> byOwner = new HashMap<>();

    /**
     * Records a write to an object of the type stored under {@code storeKey}: {@code before} (null when created)
     * became {@code after} (null when removed).
     */
    void update(String storeKey, StoredObject before, StoredObject after) {
        Set<String> had = before == null ? Set.of() : before.owners();
        Set<String> has = after == null ? Set.of() : after.owners();
        if (had.equals(has)) {
            return;
        }
        StoredObject o = after == null ? before : after;
        Dependent d = new Dependent(storeKey, o.namespace(), o.name());
        for (String uid : had) {
            if (!has.contains(uid)) {
                Set<Dependent> set = byOwner.get(uid);
                if (set != null && set.remove(d) && set.isEmpty()) {
                    byOwner.remove(uid);
                }
            }
        }
        for (String uid : has) {
            if (!had.contains(uid)) {
                byOwner.computeIfAbsent(uid, k -> new HashSet<>()).add(d);
            }
        }
    }

    /** The objects naming {@code ownerUid} as an owner now (a copy: collecting them changes the index). */
    List<Dependent> dependents(String ownerUid) {
        Set<Dependent> set = byOwner.get(ownerUid);
        return set == null ? List.of() : List.copyOf(set);
    }
}
