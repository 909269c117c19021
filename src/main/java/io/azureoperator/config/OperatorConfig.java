package io.azureoperator.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's whole configuration, parsed and validated once at start-up by {@link ConfigLoader}.
 *
 * @param syncPeriod empty when periodic re-sync is off ({@code never})
 * @param targetNamespaces empty = watch every namespace
 */
public record OperatorConfig(
        String subscriptionId,
        String tenantId,
        String clientId,
        String clientSecret,
        String armEndpoint,
        String authorityHost,
        String audience,
        Optional<Duration> syncPeriod,
        Set<String> targetNamespaces,
        ReconcilePolicy defaultReconcilePolicy,
        int maxConcurrentReconciles,
        RateLimit writeLimit,
        RateLimit readLimit,
        RateLimit deleteLimit,
        DriftDetection driftDetection,
        int httpPort,
        String podNamespace,
        boolean leaderElection,
        Duration retryBaseDelay,
        Duration retryMaxDelay) {

    /** A copy pointing at another ARM endpoint (used by --local for the emulator). */
    public OperatorConfig withArmEndpoint(String endpoint) {
        return new OperatorConfig(subscriptionId, tenantId, clientId, clientSecret, endpoint, authorityHost, audience,
                syncPeriod, targetNamespaces, defaultReconcilePolicy, maxConcurrentReconciles, writeLimit, readLimit,
                deleteLimit, driftDetection, httpPort, podNamespace, leaderElection, retryBaseDelay, retryMaxDelay);
    }

    /** A copy with another subscription ID (used by --local when none is configured). */
    public OperatorConfig withSubscriptionId(String id) {
        return new OperatorConfig(id, tenantId, clientId, clientSecret, armEndpoint, authorityHost, audience,
                syncPeriod, targetNamespaces, defaultReconcilePolicy, maxConcurrentReconciles, writeLimit, readLimit,
                deleteLimit, driftDetection, httpPort, podNamespace, leaderElection, retryBaseDelay, retryMaxDelay);
    }

    public boolean watchesNamespace(String namespace) {
        return targetNamespaces.isEmpty() || targetNamespaces.contains(namespace);
    }

    @Override
    public String toString() {
        return "OperatorConfig[subscription=" + subscriptionId + ", tenant=" + tenantId + ", client=" + clientId
                + ", clientSecret=" + (clientSecret.isEmpty() ? "<none>" : "<redacted>")
                + ", armEndpoint=" + armEndpoint + ", authorityHost=" + authorityHost + ", audience=" + audience
                + ", syncPeriod=" + syncPeriod.map(Durations::format).orElse("never")
                + ", targetNamespaces=" + (targetNamespaces.isEmpty() ? "<all>" : targetNamespaces)
                + ", defaultReconcilePolicy=" + defaultReconcilePolicy.value()
                + ", maxConcurrentReconciles=" + maxConcurrentReconciles
                + ", writeLimit=" + writeLimit + ", readLimit=" + readLimit + ", deleteLimit=" + deleteLimit
                + ", driftDetection=" + driftDetection.name().toLowerCase() + ", httpPort=" + httpPort
                + ", podNamespace=" + podNamespace + ", leaderElection=" + leaderElection + "]";
    }
}
