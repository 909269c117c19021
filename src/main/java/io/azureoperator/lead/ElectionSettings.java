package io.azureoperator.lead;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How this instance takes part in leader election: its identity, the Lease it competes for, and the
 * timings. A leader that cannot renew within {@code renewDeadline} steps down; a standby takes an
 * un-renewed lease once {@code leaseDuration} has passed since its last renewal, trying every
 * {@code retryPeriod} (with jitter). {@code renewDeadline < leaseDuration}, so a cut-off leader has
 * stopped before anyone else may start. {@code drainTimeout} bounds how long a graceful stop waits for
 * in-flight work before it releases the lease.
 */
public record ElectionSettings(String identity, String namespace, String leaseName, Duration leaseDuration,
                               Duration renewDeadline, Duration retryPeriod, Duration drainTimeout) {
    public static final String LEASE_NAME = "azure-operator-leader";
    public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    /** Under the Deployment's terminationGracePeriodSeconds (30). */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    public ElectionSettings {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(leaseName, "leaseName");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("leader election identity is blank");
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewDeadline " + renewDeadline + " must be shorter than leaseDuration "
                    + leaseDuration);
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("retryPeriod " + retryPeriod + " must be shorter than renewDeadline "
                    + renewDeadline);
        }
    }

    /** Production timings (15 s lease, 10 s renew deadline, 2 s retry) in {@code namespace}. */
    public static ElectionSettings defaults(String namespace, String identity) {
        return new ElectionSettings(identity, namespace, LEASE_NAME, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD,
                DRAIN_TIMEOUT);
    }

    public ElectionSettings withTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        return new ElectionSettings(identity, namespace, leaseName, leaseDuration, renewDeadline, retryPeriod,
                drainTimeout);
    }

    public ElectionSettings withDrainTimeout(Duration drainTimeout) {
        return new ElectionSettings(identity, namespace, leaseName, leaseDuration, renewDeadline, retryPeriod,
                drainTimeout);
    }

    /** The pod name (HOSTNAME, set by Kubernetes) when there is one, else a random UUID. */
    public static String defaultIdentity(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        return host == null || host.isBlank() ? UUID.randomUUID().toString() : host;
    }
}
