package io.azureoperator.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link TokenSource} backed by an azure-identity {@link TokenCredential}.
 *
 * <ul>
 *   <li>The blocking {@code getTokenSync} call runs only on the given {@link WorkerExecutor}
 *       (e.g. {@code vertx.createSharedWorkerExecutor("azure-identity", 2)}, owned by the caller), never on an
 *       event loop.</li>
 *   <li>The token is cached until {@value #REFRESH_MARGIN_MINUTES} minutes before it expires, or until half its
 *       remaining lifetime when that is shorter.</li>
 *   <li>Concurrent callers while a fetch is in flight share that one fetch. Each caller's future completes on the
 *       caller's own Vert.x context.</li>
 *   <li>Failures complete the future with a {@link TokenAcquisitionException} and are not cached: the next call
 *       tries again.</li>
 * </ul>
 * Token values are never logged or included in exception messages.
 */
public final class AzureIdentityTokenSource implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(AzureIdentityTokenSource.class);

    static final long REFRESH_MARGIN_MINUTES = 5;
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(REFRESH_MARGIN_MINUTES);

    private final TokenCredential credential;
    private final String scope;
    private final WorkerExecutor worker;
    private final Clock clock;

    /** Guards {@link #cached} and {@link #inFlight}; held only for field access, never across a blocking call. */
    private final Object lock = new Object();
    private Cached cached;
    private Future<Cached> inFlight;

    public AzureIdentityTokenSource(Vertx vertx, TokenCredential credential, String scope, WorkerExecutor worker) {
        this(vertx, credential, scope, worker, Clock.systemUTC());
    }

    public AzureIdentityTokenSource(Vertx vertx, TokenCredential credential, String scope, WorkerExecutor worker,
                                    Clock clock) {
        Objects.requireNonNull(vertx, "vertx"); // kept in the signature for symmetry with other Vert.x components
        this.credential = Objects.requireNonNull(credential, "credential");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Convenience: {@link Credentials#create} + {@link CredentialSettings#scope()}. */
    public static AzureIdentityTokenSource create(Vertx vertx, CredentialSettings settings, WorkerExecutor worker) {
        return new AzureIdentityTokenSource(vertx, Credentials.create(settings), settings.scope(), worker);
    }

    public String scope() {
        return scope;
    }

    @Override
    public Future<String> token() {
        Future<Cached> fetch;
        synchronized (lock) {
            Cached c = cached;
            if (c != null && clock.instant().isBefore(c.refreshAt)) {
                return Future.succeededFuture(c.token);
            }
            fetch = inFlight;
            if (fetch == null) {
                fetch = startFetch();
                inFlight = fetch;
            }
        }
        return onCallerContext(fetch.map(Cached::token));
    }

    /** Called with {@link #lock} held. */
    private Future<Cached> startFetch() {
        LOG.debug("Requesting Azure access token for scope {}", scope);
        Future<Cached> f = worker.executeBlocking(this::fetchBlocking, false);
        // Publish the result and clear the in-flight marker atomically, before any caller's callback runs.
        return f.andThen(ar -> {
            synchronized (lock) {
                inFlight = null;
                if (ar.succeeded()) {
                    cached = ar.result();
                }
            }
        });
    }

    /** Runs on the worker executor. */
    private Cached fetchBlocking() {
        AccessToken accessToken;
        try {
            accessToken = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
        } catch (RuntimeException | Error e) {
            LOG.warn("Failed to acquire Azure access token for scope {}: {}", scope, describe(e));
            throw new TokenAcquisitionException(
                    "Failed to acquire Azure access token for scope " + scope + ": " + describe(e), e);
        }
        if (accessToken == null || accessToken.getToken() == null || accessToken.getToken().isEmpty()
                || accessToken.getExpiresAt() == null) {
            throw new TokenAcquisitionException(
                    "Failed to acquire Azure access token for scope " + scope + ": credential returned no token", null);
        }
        Instant now = clock.instant();
        Instant expiresAt = accessToken.getExpiresAt().toInstant();
        Instant refreshAt = refreshAt(now, expiresAt);
        LOG.debug("Acquired Azure access token for scope {} (expires {}, refresh after {})", scope, expiresAt,
                refreshAt);
        return new Cached(accessToken.getToken(), refreshAt);
    }

    /** {@code expiresAt - 5 min}, or {@code now + lifetime/2} when the lifetime is under 10 minutes. */
    static Instant refreshAt(Instant now, Instant expiresAt) {
        Duration lifetime = Duration.between(now, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return now; // already expired: do not serve it again
        }
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        return expiresAt.minus(margin);
    }

    /** Completes on the caller's context (if any), whichever context ran the shared fetch. */
    private static <T> Future<T> onCallerContext(Future<T> shared) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return shared;
        }
        Promise<T> promise = Promise.promise();
        shared.onComplete(ar -> {
            if (Vertx.currentContext() == caller) {
                promise.handle(ar);
            } else {
                caller.runOnContext(v -> promise.handle((AsyncResult<T>) ar));
            }
        });
        return promise.future();
    }

    /** Exception class and message only; azure-identity messages contain no token or secret. */
    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private record Cached(String token, Instant refreshAt) {
        @Override
        public String toString() {
            return "Cached[refreshAt=" + refreshAt + "]";
        }
    }

    /** Token acquisition failed. The message names the scope and the cause, never a token or secret. */
    public static final class TokenAcquisitionException extends RuntimeException {
        public TokenAcquisitionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
