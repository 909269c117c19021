package io.azureoperator.credentials;

import io.azureoperator.arm.AzureIdentityTokenSource;
import io.azureoperator.kube.Annotations;
import io.azureoperator.kube.Resources;
import io.azureoperator.kube.SecretValues;
import io.azureoperator.model.SubscriptionIds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the credential of a resource: {@code credential-from} Secret, else the namespace's {@code aso-credential}
 * Secret, else the global credential. Secrets are read on the kube-io worker pool and re-read after
 * {@link #REFRESH}, so a changed Secret is picked up without a restart; a token source is rebuilt only when the
 * Secret's content changed.
 */
public final class CredentialResolver {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialResolver.class);
    public static final String NAMESPACE_SECRET = "aso-credential";
    static final Duration REFRESH = Duration.ofSeconds(15);

    /** The credential, or why there is none (reason SecretNotFound, or Failed for a Secret that is unusable). */
    public record Resolution(Credential credential, String reason, String message) {
        public boolean ok() {
            return credential != null;
        }
    }

    private record Cached(long readAt, String version, Credential credential, String problem) {
    }

    private final KubernetesClient client;
    private final WorkerExecutor kubeIo;
    private final Vertx vertx;
    private final WorkerExecutor identityWorker;
    private final Credential global;
    private final String authorityHost;
    private final String audience;
    private final Clock clock;
    private final Path federatedTokenFile;
    private final Map<String, Cached> secrets = new ConcurrentHashMap<>();

    public CredentialResolver(KubernetesClient client, WorkerExecutor kubeIo, Vertx vertx,
                              WorkerExecutor identityWorker, Credential global, String authorityHost, String audience,
                              Clock clock) {
        this(client, kubeIo, vertx, identityWorker, global, authorityHost, audience, clock,
                SecretCredentials.federatedTokenFile(System.getenv()));
    }

    /** @param federatedTokenFile the pod's federated token file, for Secrets that ask for workload identity */
    public CredentialResolver(KubernetesClient client, WorkerExecutor kubeIo, Vertx vertx,
                              WorkerExecutor identityWorker, Credential global, String authorityHost, String audience,
                              Clock clock, Path federatedTokenFile) {
        this.client = client;
        this.kubeIo = kubeIo;
        this.vertx = vertx;
        this.identityWorker = identityWorker;
        this.global = global;
        this.authorityHost = authorityHost;
        this.audience = audience;
        this.clock = clock;
        this.federatedTokenFile = federatedTokenFile;
    }

    /** Only the global credential (local mode and tests that are not about credentials). */
    public static CredentialResolver globalOnly(Credential global) {
        return new CredentialResolver(null, null, null, null, global, null, null, Clock.systemUTC());
    }

    public Future<Resolution> resolve(GenericKubernetesResource r) {
        String namespace = r.getMetadata().getNamespace();
        Optional<String> named = Resources.annotation(r, Annotations.CREDENTIAL_FROM);
        if (client == null) {
            return Future.succeededFuture(new Resolution(global, null, null));
        }
        if (named.isPresent()) {
            String name = named.get().trim();
            if (name.contains("/")) {
                return Future.succeededFuture(new Resolution(null, "Failed", Annotations.CREDENTIAL_FROM + " '" + name
                        + "' must name a Secret in namespace " + namespace + "; credentials are never shared across"
                        + " namespaces"));
            }
            return secret(namespace, name).map(c -> c.credential() != null ? new Resolution(c.credential(), null, null)
                    : new Resolution(null, c.problem() == null ? "SecretNotFound" : "Failed",
                    c.problem() == null ? "credential Secret " + namespace + "/" + name + " does not exist"
                            : "credential Secret " + namespace + "/" + name + " " + c.problem()));
        }
        return secret(namespace, NAMESPACE_SECRET).map(c -> {
            if (c.credential() != null) {
                return new Resolution(c.credential(), null, null);
            }
            if (c.problem() != null) {
                return new Resolution(null, "Failed", "credential Secret " + namespace + "/" + NAMESPACE_SECRET
                        + " " + c.problem());
            }
            return global == null
                    ? new Resolution(null, "SecretNotFound", "no credential: no Secret " + NAMESPACE_SECRET
                    + " in namespace " + namespace + " and no global credential")
                    : new Resolution(global, null, null);
        });
    }

    private Future<Cached> secret(String namespace, String name) {
        String key = namespace + "/" + name;
        Cached cached = secrets.get(key);
        long now = clock.millis();
        if (cached != null && now - cached.readAt() < REFRESH.toMillis()) {
            return Future.succeededFuture(cached);
        }
        return kubeIo.executeBlocking(() -> client.secrets().inNamespace(namespace).withName(name).get(), false)
                .map(secret -> {
                    Cached next = build(key, secret, cached, now);
                    secrets.put(key, next);
                    return next;
                });
    }

    private Cached build(String key, Secret secret, Cached previous, long now) {
        if (secret == null) {
            return new Cached(now, null, null, null);
        }
        String version = secret.getMetadata().getResourceVersion();
        if (previous != null && version != null && version.equals(previous.version())) {
            return new Cached(now, version, previous.credential(), previous.problem());
        }
        Map<String, String> data = SecretValues.of(secret);
        String subscription = data.get("AZURE_SUBSCRIPTION_ID");
        if (subscription == null || subscription.isBlank()) {
            return new Cached(now, version, null, "has no AZURE_SUBSCRIPTION_ID");
        }
        subscription = subscription.trim();
        if (!SubscriptionIds.valid(subscription)) {
            return new Cached(now, version, null, "key AZURE_SUBSCRIPTION_ID is not a subscription ID ("
                    + SubscriptionIds.EXPECTED + "): '" + printable(subscription) + "'");
        }
        try {
            var credential = SecretCredentials.create(data, authorityHost, federatedTokenFile);
            String scope = new io.azureoperator.arm.CredentialSettings(subscription, null, null, null, authorityHost,
                    audience).scope();
            LOG.info("credential Secret {}: {} for subscription {}{}", key,
                    SecretCredentials.mode(data, federatedTokenFile), subscription,
                    previous == null ? "" : " (changed)");
            return new Cached(now, version, new Credential("secret " + key, subscription,
                    new AzureIdentityTokenSource(vertx, credential, scope, identityWorker)), null);
        } catch (IllegalArgumentException e) {
            return new Cached(now, version, null, e.getMessage());
        }
    }

    /** At most 64 characters, control characters escaped: the value goes into a condition message. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.substring(0, Math.min(64, s.length())).toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 64 ? b + "..." : b.toString();
    }
}
