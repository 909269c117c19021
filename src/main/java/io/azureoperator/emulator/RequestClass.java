package io.azureoperator.emulator;

/** ARM's throttling classes and the response header that reports each one's remaining budget. */
enum RequestClass {
    WRITE("x-ms-ratelimit-remaining-subscription-writes", "write"),
    READ("x-ms-ratelimit-remaining-subscription-reads", "read"),
    DELETE("x-ms-ratelimit-remaining-subscription-deletes", "delete");

    private final String remainingHeader;
    private final String label;

    RequestClass(String remainingHeader, String label) {
        this.remainingHeader = remainingHeader;
        this.label = label;
    }

    String remainingHeader() {
        return remainingHeader;
    }

    String label() {
        return label;
    }

    /** PUT/PATCH/POST are writes, DELETE is a delete, everything else (GET, HEAD, polls) is a read. */
    static RequestClass of(String method) {
        return switch (method) {
            case "PUT", "PATCH", "POST" -> WRITE;
            case "DELETE" -> DELETE;
            default -> READ;
        };
    }
}
