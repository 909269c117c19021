package io.azureoperator.budget;

/** The three ARM budgets of a subscription. */
public enum RequestClass {
    /** PUT, PATCH, POST. */
    WRITE,
    /** GET, LIST, long-running-operation polls. */
    READ,
    /** DELETE. */
    DELETE;

    public static RequestClass of(String httpMethod) {
        return switch (httpMethod) {
            case "GET", "HEAD" -> READ;
            case "DELETE" -> DELETE;
            default -> WRITE;
        };
    }
}
