package io.azureoperator.model;

import io.vertx.core.json.JsonObject;

/** One entry of {@code status.conditions}, as ASO writes it. */
public record Condition(
        String type,
        String status,
        Severity severity,
        String reason,
        String message,
        long observedGeneration,
        String lastTransitionTime) {

    public static final String READY = "Ready";

    /** How bad a non-ready condition is; ASO's Info, Warning, Error. */
    public enum Severity { Info, Warning, Error, None }

    public boolean isTrue() {
        return "True".equals(status);
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject().put("type", type).put("status", status);
        if (severity != Severity.None) {
            j.put("severity", severity.name());
        }
        j.put("reason", reason);
        if (message != null && !message.isEmpty()) {
            j.put("message", message);
        }
        return j.put("observedGeneration", observedGeneration).put("lastTransitionTime", lastTransitionTime);
    }

    public static Condition fromJson(JsonObject j) {
        Severity severity;
        try {
            severity = j.getString("severity") == null ? Severity.None : Severity.valueOf(j.getString("severity"));
        } catch (IllegalArgumentException e) {
            severity = Severity.None;
        }
        Number gen = j.getNumber("observedGeneration");
        return new Condition(j.getString("type"), j.getString("status"), severity, j.getString("reason"),
                j.getString("message"), gen == null ? 0 : gen.longValue(), j.getString("lastTransitionTime"));
    }

    /** Same meaning, ignoring the transition time. */
    public boolean sameAs(Condition o) {
        return o != null && java.util.Objects.equals(type, o.type) && java.util.Objects.equals(status, o.status)
                && severity == o.severity && java.util.Objects.equals(reason, o.reason)
                && java.util.Objects.equals(emptyToNull(message), emptyToNull(o.message))
                && observedGeneration == o.observedGeneration;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
