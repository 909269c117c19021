package io.azureoperator.kube;

import io.azureoperator.kinds.KindDescriptor;

/** Every event-bus address, in one place. */
public final class EventAddresses {
    /** Published with a namespace name when its reconcile-policy annotation changes. */
    public static final String NAMESPACE_CHANGED = "namespace.changed";
    /** Published with this instance's identity when it took the leader lease (its kind verticles are up). */
    public static final String LEADER_ACQUIRED = "leader.acquired";
    /** Published with this instance's identity when it lost the leader lease (now standby). */
    public static final String LEADER_LOST = "leader.lost";

    /** Header of a {@link #changed} message: the resourceVersion the watch event brought. */
    public static final String RESOURCE_VERSION = "resourceVersion";

    private EventAddresses() {
    }

    /** Sent a {@code namespace/name} key when a resource of {@code kind} changed in a way that matters. */
    public static String changed(KindDescriptor kind) {
        return "kind." + kind.id() + ".changed";
    }

    /**
     * Sent a changed custom resource's dependency name ({@code Kind.group/namespace/name}) when the {@code n}th kind
     * verticle to listen, one of {@code kind}, may depend on it ({@link DependencyListeners}).
     */
    public static String dependencyChanged(KindDescriptor kind, int n) {
        return "kind." + kind.id() + ".dependency-changed." + n;
    }
}
