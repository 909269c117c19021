package io.azureoperator.apiserver;

/**
 * One change of one object, as kept in a type's history and offered to its watches.
 *
 * @param object   the object after the change (for DELETED: its last state, at the deletion's resourceVersion)
 * @param previous the object before the change; null for ADDED
 */
record WatchEvent(String type, StoredObject object, StoredObject previous) {
    static final String ADDED = "ADDED";
    static final String MODIFIED = "MODIFIED";
    static final String DELETED = "DELETED";

    long resourceVersion() {
        return object.resourceVersion();
    }
}
