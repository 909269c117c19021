package io.azureoperator.budget;

/** The three ARM budgets of a subscription. */
public enum RequestClass {
    /** PUT, PATCH, POST. */
    WRITE,
    /** GET, LIST, long-running-operation polls. */
    READ,
    /** DELETE. */
    DELETE;

    /** The ARM response header that reports this class's remaining subscription budget. */
    public String remainingHeader() {
        return "x-ms-ratelimit-remaining-subscription-" + switch (this) {
            case WRITE -> "writes";
            case READ -> "reads";
            case DELETE -> "deletes";
        };
    }

    public static RequestClass of(String httpMethod) {
        return switch (httpMethod) {
            case "GET", "HEAD" -> READ;
            case "DELETE" -> DELETE;
            default -> WRITE;
        };
    }
}
