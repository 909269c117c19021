package io.azureoperator.budget;

/** The three ARM budgets of a subscription. */
public enum RequestClass {
    /** PUT, PATCH, POST. */
    WRITE,
    /** GET, LIST, long-running-operation polls. */
    READ,
    /** DELETE. */
    DELETE;

    /**
     * The ARM response headers that report this class's remaining subscription budget: ARM sends
     * {@code x-ms-ratelimit-remaining-subscription-global-<class>} today, and sent (and may still send, per
     * region) the same without {@code global-}.
     */
    public java.util.List<String> remainingHeaders() {
        String name = switch (this) {
            case WRITE -> "writes";
            case READ -> "reads";
            case DELETE -> "deletes";
        };
        return java.util.List.of("x-ms-ratelimit-remaining-subscription-global-" + name,
                "x-ms-ratelimit-remaining-subscription-" + name);
    }

    public static RequestClass of(String httpMethod) {
        return switch (httpMethod) {
            case "GET", "HEAD" -> READ;
            case "DELETE" -> DELETE;
            default -> WRITE;
        };
    }
}
