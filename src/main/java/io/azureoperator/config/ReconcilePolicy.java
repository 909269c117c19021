package io.azureoperator.config;

import java.util.Arrays;
import java.util.Optional;

/** What the operator may do in Azure for a resource (annotation serviceoperator.azure.com/reconcile-policy). */
public enum ReconcilePolicy {
    /** Create, update and delete in Azure. */
    MANAGE("manage"),
    /** Create and update; deleting the custom resource leaves Azure alone. */
    DETACH_ON_DELETE("detach-on-delete"),
    /** Never write: GET only, to mirror status. */
    SKIP("skip");

    private final String value;

    ReconcilePolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean writes() {
        return this != SKIP;
    }

    public boolean deletesInAzure() {
        return this == MANAGE;
    }

    public static Optional<ReconcilePolicy> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.value.equals(text)).findFirst();
    }
}
