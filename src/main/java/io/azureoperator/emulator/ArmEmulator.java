package io.azureoperator.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Azure Resource Manager on 127.0.0.1 for the 7 ARM types of SPEC §3, faithful to the recorded
 * behaviour in shared/arm-fixtures (status codes, async patterns, defaults, error bodies).
 *
 * <p>All knobs are thread-safe and take effect for the next request. Long-running operations advance only when
 * polled: an operation answers {@code InProgress} to its first {@link #setOperationPolls(int) n} polls and finishes
 * on poll n+1 (n = 1 by default, so a VNet PUT poll shows InProgress, then Succeeded).
 */
public final class ArmEmulator {

    private static final Logger LOG = LoggerFactory.getLogger(ArmEmulator.class);

    private final Vertx vertx;
    private final ArmService service = new ArmService();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ArmHttpEdge edge;
    private HttpServer server;
    private volatile int port = -1;

    public ArmEmulator(Vertx vertx) {
        this.vertx = vertx;
        this.edge = new ArmHttpEdge(vertx, service, requests::add);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and returns the bound port. */
    public Future<Integer> start(int port) {
        return vertx.createHttpServer()
                .requestHandler(edge.router())
                .listen(port, "127.0.0.1")
                .map(s -> {
                    server = s;
                    this.port = s.actualPort();
                    service.baseUrl(baseUrl());
                    LOG.info("ARM emulator listening on {}", baseUrl());
                    return this.port;
                });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** {@code http://127.0.0.1:PORT}, usable as AZURE_RESOURCE_MANAGER_ENDPOINT. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // ---------------------------------------------------------------- request log

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests were answered 429 (by the rate limiter or an injected fault), since start. */
    public long throttledCount() {
        return service.throttled();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Requests with this method (null = any) whose path starts with {@code pathPrefix} (case-insensitive). */
    public long count(String method, String pathPrefix) {
        String prefix = pathPrefix.toLowerCase(Locale.ROOT);
        return requests.stream()
                .filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> r.path().toLowerCase(Locale.ROOT).startsWith(prefix))
                .count();
    }

    // ---------------------------------------------------------------- store access

    /** The resource as a GET would return it (IDs compare case-insensitively). */
    public Optional<JsonObject> resource(String armId) {
        synchronized (service) {
            return service.store.get(ArmId.parse(armId)).map(service::view);
        }
    }

    /** Creates or replaces a resource directly, settled ({@code Succeeded}), with server defaults filled in. */
    public void seed(String armId, JsonObject body) {
        seed(armId, body, "Succeeded");
    }

    /** As {@link #seed(String, JsonObject)}, left in {@code provisioningState} (e.g. Failed, as a broken resource). */
    public void seed(String armId, JsonObject body, String provisioningState) {
        ArmId id = ArmId.parse(armId);
        ResourceProfile profile = ResourceProfiles.find(id.fullType())
                .orElseThrow(() -> new IllegalArgumentException("Unsupported ARM type: " + id.fullType()));
        ArmId canonical = id.withCanonicalType(profile.type());
        synchronized (service) {
            service.write(canonical, profile, body, service.store.get(canonical).orElse(null), provisioningState);
        }
    }

    /**
     * How many times this resource went from absent to present in the store (by PUT, by a VNet's inline subnets,
     * or by {@link #seed}); never reset. A resource created twice by a client shows 2 here.
     */
    public int creations(String armId) {
        return service.store.creations(ArmId.parse(armId));
    }

    /** How many times this resource went from present to absent (DELETE, parent deleted, {@link #remove}). */
    public int deletions(String armId) {
        return service.store.deletions(ArmId.parse(armId));
    }

    /** The ARM IDs of every resource stored now (resource groups included), ordered case-insensitively. */
    public List<String> resourceIds() {
        synchronized (service) {
            return service.store.ids();
        }
    }

    /** Creation counts of every resource ever stored, keyed by lower-cased ARM ID. */
    public java.util.Map<String, Integer> creationCounts() {
        return service.store.creationCounts();
    }

    /** Deletes a resource and everything under it out of band (no operation, no request). */
    public void remove(String armId) {
        synchronized (service) {
            service.store.removeTree(ArmId.parse(armId));
        }
    }

    // ---------------------------------------------------------------- knobs

    /**
     * The next {@code times} requests with this method (null or "*" = any) whose decoded path matches
     * {@code pathRegex} (find, case-insensitive) fail with {@code httpStatus} and {@code {"error":{code,message}}}.
     */
    public void failNext(String method, String pathRegex, int httpStatus, String armCode, String message, int times) {
        service.faults.failNext(method, pathRegex, httpStatus, armCode, message, times);
    }

    /** Each request fails with probability {@code p} with a 500 or 503 ARM error (seeded, reproducible). */
    public void failRate(double p, int status) {
        service.faults.failRate(p, status);
    }

    /** Drops every failNext, resetNext and hangNext rule and sets failRate to 0. */
    public void clearFaults() {
        service.faults.clear();
        edge.connectionFaults.clear();
    }

    /**
     * The next {@code times} requests with this method (null or "*" = any) whose decoded path matches
     * {@code pathRegex} (find, case-insensitive) get their TCP connection closed without any response. With
     * {@code afterApplying} ARM acts on the request first (only the answer is lost); without, it never sees it.
     * Requests are recorded either way.
     */
    public void resetNext(String method, String pathRegex, boolean afterApplying, int times) {
        edge.connectionFaults.add(method, pathRegex,
                new ConnectionFaults.Plan(ConnectionFaults.Kind.RESET, afterApplying, Duration.ZERO), times);
    }

    /**
     * The next {@code times} matching requests (as {@link #resetNext}) get no answer for {@code hang}, then a 504
     * {@code GatewayTimeout} ARM error (a client whose own timeout is shorter sees a timeout). With
     * {@code afterApplying} ARM acts on the request at once and only the answer is replaced.
     */
    public void hangNext(String method, String pathRegex, Duration hang, boolean afterApplying, int times) {
        edge.connectionFaults.add(method, pathRegex,
                new ConnectionFaults.Plan(ConnectionFaults.Kind.HANG, afterApplying, hang), times);
    }

    /**
     * The next {@code times} long-running operations on resources whose ID matches {@code pathRegex} (find,
     * case-insensitive) end with {@code status} "Failed" or "Canceled" and an {@code error} of {@code armCode} and
     * {@code message}: Azure-AsyncOperation polls report it in the body, Location polls answer 400 with it, and the
     * resource is left with {@code provisioningState: Failed}.
     */
    public void failNextOperation(String pathRegex, String status, String armCode, String message, int times) {
        LongRunningOperation.Status s = LongRunningOperation.Status.valueOf(status);
        if (s == LongRunningOperation.Status.InProgress || s == LongRunningOperation.Status.Succeeded) {
            throw new IllegalArgumentException("status must be Failed or Canceled");
        }
        service.operations.planFailure(pathRegex, s, armCode, message, times);
    }

    /** While true, every long-running operation stays InProgress however often it is polled. */
    public void holdOperations(boolean hold) {
        service.operations.hold(hold);
    }

    /** Polls answered InProgress before an operation finishes (applies to operations started afterwards). */
    public void setOperationPolls(int n) {
        service.operations.pollsBeforeDone(n);
    }

    /** Retry-After seconds on long-running-operation responses (default 1). */
    public void setRetryAfterSeconds(int seconds) {
        service.retryAfterSeconds(seconds);
    }

    /** Per-subscription sliding-window budgets; resets the counted history. Defaults: 1200/12000/15000 per hour. */
    public void setLimits(int writes, int reads, int deletes, Duration window) {
        service.limiter.setLimits(writes, reads, deletes, window);
    }

    /** Delay before each response (timer based, never blocks). */
    public void setLatency(Duration latency) {
        edge.latency(latency);
    }

    /** Requests for this subscription must carry {@code Authorization: Bearer <token>}; null lifts it. */
    public void requireToken(String subscriptionId, String token) {
        service.auth.require(subscriptionId, token);
    }

    /** Page size of list responses (default 100). */
    public void setPageSize(int size) {
        service.pageSize(size);
    }

    /** The tenant ID reported by managed identities. */
    public void setTenantId(String tenantId) {
        service.tenantId(tenantId);
    }
}
