package io.azureoperator.emulator;

/**
 * ARM's throttling classes and the response header that reports each one's remaining budget, named as ARM
 * names it today ({@code x-ms-ratelimit-remaining-subscription-global-*}: the only form in the 2025 recordings).
 */
enum RequestClass {
    WRITE("x-ms-ratelimit-remaining-subscription-global-writes", "write"),
    READ("x-ms-ratelimit-remaining-subscription-global-reads", "read"),
    DELETE("x-ms-ratelimit-remaining-subscription-global-deletes", "delete");

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
