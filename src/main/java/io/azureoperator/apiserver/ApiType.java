package io.azureoperator.apiserver;

import java.util.Locale;

/**
 * One served resource type: {@code group/version}, plural and kind, scope, and whether it has a status subresource
 * and keeps {@code metadata.generation}. The versions of one CRD share a store ({@link #storeKey()}).
 */
record ApiType(String group, String version, String plural, String kind, boolean namespaced,
               boolean statusSubresource, boolean generation) {

    static final String CRD_GROUP = "apiextensions.k8s.io";
    static final String CRD_PLURAL = "customresourcedefinitions";

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code leases.coordination.k8s.io}, or {@code secrets} for the core group: how messages name the type. */
    String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    String storeKey() {
        return group + "/" + plural;
    }

    String listKind() {
        return kind + "List";
    }

    String singular() {
        return kind.toLowerCase(Locale.ROOT);
    }

    boolean isCrd() {
        return group.equals(CRD_GROUP) && plural.equals(CRD_PLURAL);
    }
}
