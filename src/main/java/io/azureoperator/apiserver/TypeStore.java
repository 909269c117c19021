package io.azureoperator.apiserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The objects of one type by {@code namespace/name} (O(1) get, put and remove), and the type's watches. */
final class TypeStore {
    final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    final WatchHub hub;

    TypeStore(int historyLimit) {
        this.hub = new WatchHub(historyLimit);
    }
}
