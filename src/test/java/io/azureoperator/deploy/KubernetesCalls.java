package io.azureoperator.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Kubernetes API call the operator makes (group, resource, verb), the code that makes it, and where: in the
 * namespaces it watches (the ClusterRole) or in its own namespace, POD_NAMESPACE (the Role). {@code k8s/rbac.yaml}
 * must grant exactly these ({@link ManifestsTest}); the operator must make no other call ({@code ApiCallsTest}
 * records what it sends to the in-memory API server).
 */
public final class KubernetesCalls {
    private KubernetesCalls() {
    }

    public enum Scope { WATCHED_NAMESPACES, OPERATOR_NAMESPACE }

    public record Call(String group, String resource, String verb, Scope scope, String by) {
    }

    /** For the custom resources, given as group → plurals. */
    public static List<Call> all(Map<String, List<String>> customResources) {
        List<Call> out = new ArrayList<>();
        customResources.forEach((group, plurals) -> plurals.forEach(plural -> {
            out.add(watched(group, plural, "list", "Operator.start: the kind's informers"));
            out.add(watched(group, plural, "watch", "Operator.start: the kind's informers"));
            out.add(watched(group, plural, "get", "CrStore.get: the newest copy when the poller-resume-token's "
                    + "write met a conflict"));
            out.add(watched(group, plural, "update", "CrStore.update: finalizer, annotations, ownerReferences"));
            // no request of its own: the OwnerReferencesPermissionEnforcement admission plugin (OpenShift) asks
            // for it when the operator sets ownerReferences on the resource (Reconciler: a child on its owner)
            out.add(watched(group, plural, "delete", "ownerReferences under OwnerReferencesPermissionEnforcement"));
            out.add(watched(group, plural + "/status", "update", "CrStore.updateStatus"));
            // no request of its own: the API server asks for it when an ownerReference with blockOwnerDeletion
            // names this resource (Reconciler: a child on its owner; Exporter: a secret or config map on its CR)
            out.add(watched(group, plural + "/finalizers", "update", "ownerReferences with blockOwnerDeletion"));
        }));
        out.add(watched("", "namespaces", "list", "NamespacePolicies: informer (reconcile-policy annotation)"));
        out.add(watched("", "namespaces", "watch", "NamespacePolicies: informer (reconcile-policy annotation)"));
        out.add(watched("", "secrets", "get", "CredentialResolver (credential secret), Exporter (existing export)"));
        out.add(watched("", "secrets", "create", "Exporter: operatorSpec.secrets"));
        out.add(watched("", "secrets", "update", "Exporter: operatorSpec.secrets"));
        out.add(watched("", "secrets", "delete", "ownerReferences on exports under OwnerReferencesPermissionEnforcement"));
        out.add(watched("", "configmaps", "get", "Exporter: existing export"));
        out.add(watched("", "configmaps", "create", "Exporter: operatorSpec.configMaps"));
        out.add(watched("", "configmaps", "update", "Exporter: operatorSpec.configMaps"));
        out.add(watched("", "configmaps", "delete",
                "ownerReferences on exports under OwnerReferencesPermissionEnforcement"));
        out.add(watched("", "events", "create", "EventRecorder"));
        out.add(own("coordination.k8s.io", "leases", "get", "LeaderElection: fabric8 LeaseLock"));
        out.add(own("coordination.k8s.io", "leases", "create", "LeaderElection: fabric8 LeaseLock"));
        out.add(own("coordination.k8s.io", "leases", "patch", "LeaderElection: fabric8 LeaseLock renews by patch"));
        out.add(own("", "configmaps", "get", "KubernetesSpentLedger: azure-operator-budget-<subscription>"));
        out.add(own("", "configmaps", "create", "KubernetesSpentLedger: azure-operator-budget-<subscription>"));
        out.add(own("", "configmaps", "update", "KubernetesSpentLedger: azure-operator-budget-<subscription>"));
        return out;
    }

    private static Call watched(String group, String resource, String verb, String by) {
        return new Call(group, resource, verb, Scope.WATCHED_NAMESPACES, by);
    }

    private static Call own(String group, String resource, String verb, String by) {
        return new Call(group, resource, verb, Scope.OPERATOR_NAMESPACE, by);
    }
}
