package io.azureoperator.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * logback's JSON lines (LOG_FORMAT=json) with the resource a line is about as fields {@code kind},
 * {@code namespace} and {@code name}. Every line about a resource starts "Kind namespace/name: " (the
 * operator's one logging rule), so the fields come from that prefix: no thread-local MDC to carry across the
 * asynchronous steps of a reconcile.
 */
public final class ResourceJsonEncoder extends JsonEncoder {
    /** Kubernetes kind and object names: no character here needs JSON escaping. */
    private static final Pattern PREFIX =
            Pattern.compile("^([A-Z][A-Za-z0-9]{0,62}) ([a-z0-9][-a-z0-9]{0,62})/([a-z0-9][-a-z0-9.]{0,252}): ");

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        String message = event.getFormattedMessage();
        Matcher m = message == null ? null : PREFIX.matcher(message);
        if (m == null || !m.find()) {
            return;
        }
        sb.append(',');
        appenderMember(sb, "kind", m.group(1));
        sb.append(',');
        appenderMember(sb, "namespace", m.group(2));
        sb.append(',');
        appenderMember(sb, "name", m.group(3));
    }
}
