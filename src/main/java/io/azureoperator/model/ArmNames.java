package io.azureoperator.model;

import java.util.Optional;

/** Rules every ARM resource name must follow, whatever its type (type-specific rules live in the CRD schema). */
public final class ArmNames {
    private static final String FORBIDDEN = "/\\?#%&<>*:|\"";

    private ArmNames() {
    }

    /** Why {@code name} cannot be an ARM name segment, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > 260) {
            return Optional.of("is longer than 260 characters");
        }
        if (name.equals(".") || name.contains("..")) {
            return Optional.of("must not contain '..'");
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0) {
                return Optional.of("must not contain '" + (c < 0x20 ? "\\u" + Integer.toHexString(c) : c) + "'");
            }
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return Optional.of("must not end with '.' or a space");
        }
        return Optional.empty();
    }
}
