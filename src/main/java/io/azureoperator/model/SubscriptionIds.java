package io.azureoperator.model;

import java.util.regex.Pattern;

/** An Azure subscription ID is a GUID; it names ARM paths and the budget ledger's ConfigMap, so nothing else will do. */
public final class SubscriptionIds {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    public static final String EXPECTED = "a GUID such as 00000000-0000-0000-0000-000000000000";

    private SubscriptionIds() {
    }

    public static boolean valid(String id) {
        return id != null && GUID.matcher(id).matches();
    }
}
