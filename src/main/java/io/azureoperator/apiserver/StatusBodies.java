package io.azureoperator.apiserver;

import io.vertx.core.json.JsonObject;

/**
 * The Kubernetes {@code Status} bodies of refusals, worded like the real API server's so clients (and people
 * reading logs) see what they would see against a cluster.
 */
final class StatusBodies {
    private StatusBodies() {
    }

    static JsonObject status(int code, String reason, String message) {
        return new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("metadata", new JsonObject())
                .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    }

    static JsonObject success() {
        return new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("metadata", new JsonObject())
                .put("status", "Success").put("code", 200);
    }

    static ApiException notFound(ApiType type, String name) {
        return new ApiException(details(status(404, "NotFound", type.qualifiedPlural() + " \"" + name
                + "\" not found"), type, name));
    }

    static ApiException unknownPath(String path) {
        return new ApiException(status(404, "NotFound", "the server could not find the requested resource ("
                + path + ")"));
    }

    static ApiException unknownKind(String apiVersion, String kind) {
        return new ApiException(status(404, "NotFound", "the server could not find the requested resource (kind "
                + kind + " in " + apiVersion + ")"));
    }

    static ApiException alreadyExists(ApiType type, String name) {
        return new ApiException(details(status(409, "AlreadyExists", type.qualifiedPlural() + " \"" + name
                + "\" already exists"), type, name));
    }

    static ApiException conflict(ApiType type, String name) {
        return new ApiException(details(status(409, "Conflict", conflictMessage(type.qualifiedPlural(), name)),
                type, name));
    }

    static String conflictMessage(String qualifiedPlural, String name) {
        return "Operation cannot be fulfilled on " + qualifiedPlural + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again";
    }

    /** 422: the object is not acceptable ({@code field: problem}). */
    static ApiException invalid(ApiType type, String name, String problem) {
        return new ApiException(details(status(422, "Invalid", type.kind() + (type.group().isEmpty() ? ""
                : "." + type.group()) + " \"" + name + "\" is invalid: " + problem), type, name));
    }

    static ApiException badRequest(String message) {
        return new ApiException(status(400, "BadRequest", message));
    }

    static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(status(415, "UnsupportedMediaType", "the body of the request was in an unknown "
                + "format (" + contentType + ") - accepted media types include: application/json-patch+json, "
                + "application/merge-patch+json, application/strategic-merge-patch+json (server-side apply is not "
                + "supported by this in-memory API server)"));
    }

    static ApiException methodNotAllowed(String method) {
        return new ApiException(status(405, "MethodNotAllowed", "the server does not allow this method on the "
                + "requested resource (" + method + ")"));
    }

    /** The watch ERROR event's object when the requested resourceVersion is older than the history kept. */
    static JsonObject expired(long requested, long oldest) {
        return status(410, "Expired", "too old resource version: " + requested + " (" + oldest + ")");
    }

    /** An injected failure ({@code failNext}): the reason the real server gives for that code. */
    static JsonObject injected(int code, String message) {
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "Unknown";
        };
        return status(code, reason, message);
    }

    private static JsonObject details(JsonObject status, ApiType type, String name) {
        return status.put("details", new JsonObject().put("name", name).put("group", type.group())
                .put("kind", type.plural()));
    }
}
