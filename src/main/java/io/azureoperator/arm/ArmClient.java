package io.azureoperator.arm;

import io.azureoperator.budget.Budget;
import io.azureoperator.budget.Priority;
import io.azureoperator.budget.RequestClass;
import io.azureoperator.lead.Leadership;
import io.azureoperator.model.ArmId;
import io.azureoperator.metrics.OperatorMetrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARM over the Vert.x WebClient: PUT, GET, DELETE and POST actions by ARM ID, and polls of operation URLs.
 * Every request first gets a bearer token, then a grant from the subscription's {@link Budget}. No retries
 * here: the reconciler gets each answer as it is. A 429 is reported back to the budget.
 */
public final class ArmClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArmClient.class);
    private static final Set<String> KEPT_HEADERS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("azure-asyncoperation", "location", "retry-after", "x-ms-request-id", "etag"),
            java.util.Arrays.stream(RequestClass.values()).flatMap(c -> c.remainingHeaders().stream()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final long TIMEOUT_MILLIS = 60_000;
    /** A remaining-requests header worth believing. */
    private static final java.util.regex.Pattern REMAINING = java.util.regex.Pattern.compile("\\d{1,9}");

    private final WebClient web;
    private final URI endpoint;
    private final TokenSource tokens;
    private final Budget budget;
    private final Leadership leadership;
    private final Map<RequestClass, AtomicLong> sent;
    private final OperatorMetrics metrics;
    /** Requests of one kind and namespace share a fairness key in the budget; none starves another. */
    private final String fairnessKey;

    public ArmClient(WebClient web, String endpoint, TokenSource tokens, Budget budget) {
        this(web, endpoint, tokens, budget, Leadership.always("single"));
    }

    /** Every request also passes {@code leadership}'s gate: none goes out unless this instance leads. */
    public ArmClient(WebClient web, String endpoint, TokenSource tokens, Budget budget, Leadership leadership) {
        this(web, endpoint, tokens, budget, leadership, new OperatorMetrics());
    }

    /** ... and every request is counted and timed in {@code metrics}. */
    public ArmClient(WebClient web, String endpoint, TokenSource tokens, Budget budget, Leadership leadership,
                     OperatorMetrics metrics) {
        this(web, URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint),
                tokens, budget, leadership, new EnumMap<>(RequestClass.class), "", metrics);
        for (RequestClass c : RequestClass.values()) {
            sent.put(c, new AtomicLong());
        }
    }

    private ArmClient(WebClient web, URI endpoint, TokenSource tokens, Budget budget, Leadership leadership,
                      Map<RequestClass, AtomicLong> sent, String fairnessKey, OperatorMetrics metrics) {
        this.metrics = metrics;
        this.web = web;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.budget = budget;
        this.leadership = leadership;
        this.sent = sent;
        this.fairnessKey = fairnessKey;
    }

    /**
     * The same client (endpoint, budget, gate, counters) sending another credential's tokens, its requests
     * queued in the budget under {@code fairnessKey} (e.g. {@code Kind/namespace}).
     */
    public ArmClient with(TokenSource otherTokens, String otherFairnessKey) {
        return new ArmClient(web, endpoint, otherTokens, budget, leadership, sent, otherFairnessKey, metrics);
    }

    public Future<ArmResponse> put(ArmId id, String apiVersion, JsonObject body, Priority priority) {
        return send(id.resourceType(), HttpMethod.PUT, id.subscriptionId(), url(id, "", apiVersion), body, priority);
    }

    public Future<ArmResponse> get(ArmId id, String apiVersion, Priority priority) {
        return send(id.resourceType(), HttpMethod.GET, id.subscriptionId(), url(id, "", apiVersion), null, priority);
    }

    public Future<ArmResponse> delete(ArmId id, String apiVersion, Priority priority) {
        return send(id.resourceType(), HttpMethod.DELETE, id.subscriptionId(), url(id, "", apiVersion), null, priority);
    }

    /** POST to an action of a resource, e.g. {@code listKeys}. */
    public Future<ArmResponse> post(ArmId id, String action, String apiVersion, JsonObject body, Priority priority) {
        return send(id.resourceType(), HttpMethod.POST, id.subscriptionId(), url(id, "/" + escape(action), apiVersion), body, priority);
    }

    /** The URL of a resource (to poll the resource itself when ARM gave no operation URL). */
    public String resourceUrl(ArmId id, String apiVersion) {
        return url(id, "", apiVersion);
    }

    /**
     * The LIST URL of the resources of {@code id}'s type that share its parent: {@code /subscriptions/s/resourcegroups},
     * {@code <rg>/providers/Ns/type}, or {@code <parent>/<childType>}.
     */
    public String listUrl(ArmId id, String apiVersion) {
        ArmId parent = id.parent().orElseThrow(() -> new IllegalArgumentException("a subscription has no list"));
        List<String> segments = id.segments();
        StringBuilder b = new StringBuilder(endpoint.toString());
        for (String segment : parent.segments()) {
            b.append('/').append(escape(segment));
        }
        if (parent.resourceType().equals(ArmId.RESOURCE_GROUP_TYPE)) {
            // <rg>/providers/<Namespace>/<type>
            b.append("/providers/").append(escape(segments.get(5))).append('/').append(escape(segments.get(6)));
        } else {
            b.append('/').append(escape(segments.get(segments.size() - 2)));
        }
        return b.append("?api-version=").append(escape(apiVersion)).toString();
    }

    /** GET a long-running operation's URL, as ARM returned it; refused unless it is on the ARM endpoint. */
    public Future<ArmResponse> poll(String subscriptionId, String operationUrl, Priority priority) {
        if (!isOnEndpoint(operationUrl)) {
            return Future.failedFuture(new IllegalArgumentException(
                    "operation URL is not on the ARM endpoint " + endpoint + "; not polling it"));
        }
        return send("operation", HttpMethod.GET, subscriptionId, operationUrl, null, priority);
    }

    /** True when {@code url} has the ARM endpoint's scheme, host and port (so a token may be sent to it). */
    public boolean isOnEndpoint(String url) {
        try {
            URI u = URI.create(url);
            return endpoint.getScheme().equalsIgnoreCase(u.getScheme())
                    && endpoint.getHost().equalsIgnoreCase(u.getHost())
                    && port(endpoint) == port(u);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Requests sent so far, by class. */
    public Map<RequestClass, Long> sentCounts() {
        Map<RequestClass, Long> out = new EnumMap<>(RequestClass.class);
        sent.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private Future<ArmResponse> send(String resourceType, HttpMethod method, String subscriptionId, String url,
                                     JsonObject body, Priority priority) {
        RequestClass requestClass = RequestClass.of(method.name());
        if (leadership.refusal() != null) { // leader gate: fail fast, spend no budget
            return Future.failedFuture(leadership.refusal());
        }
        // the token first: a credential that cannot give one spends no budget, and a slow fetch happens before
        // the grant (the budget counts a request when it grants it, so a granted one must leave at once); after
        // the grant the token is asked again, which is the cached one unless it expired while the request waited.
        // Once answered, the budget counts the request from then on (the latest ARM can have received it).
        return tokens.token()
                .compose(first -> budget.acquire(subscriptionId, requestClass, priority, fairnessKey))
                .compose(grantedAt -> tokens.token()
                        .compose(token -> leadership.admit(() -> sendNow(resourceType, method, url, body, token,
                                requestClass)))
                        .onComplete(answer -> budget.answered(subscriptionId, requestClass, grantedAt)))
                .map(response -> toArmResponse(method, url, response))
                .onSuccess(r -> {
                    if (r.status() == 429) {
                        budget.throttled(subscriptionId, requestClass,
                                r.retryAfter(java.time.Duration.ofSeconds(10)).toMillis());
                    }
                    remaining(r, requestClass).ifPresent(v -> budget.observed(subscriptionId, requestClass, v));
                });
    }

    /** What ARM says is left of this class's budget: the lowest of the remaining-headers it sent, if any. */
    static java.util.OptionalInt remaining(ArmResponse r, RequestClass requestClass) {
        return requestClass.remainingHeaders().stream().flatMap(h -> r.header(h).stream()).map(String::trim)
                .filter(v -> REMAINING.matcher(v).matches()).mapToInt(Integer::parseInt).min();
    }

    /** Sends a granted request (the leader gate admitted it as it goes on the wire). */
    private Future<HttpResponse<Buffer>> sendNow(String resourceType, HttpMethod method, String url, JsonObject body,
                                                 String token, RequestClass requestClass) {
        sent.get(requestClass).incrementAndGet();
        long started = System.nanoTime();
        HttpRequest<Buffer> request = web.requestAbs(method, url)
                .bearerTokenAuthentication(token)
                .putHeader("Accept", "application/json")
                .timeout(TIMEOUT_MILLIS);
        return (body == null ? request.send() : request.sendJsonObject(body))
                .onComplete(ar -> metrics.armRequest(resourceType, method.name(),
                        ar.succeeded() ? ar.result().statusCode() : 0,
                        Duration.ofNanos(System.nanoTime() - started)));
    }

    private static ArmResponse toArmResponse(HttpMethod method, String url, HttpResponse<Buffer> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(name)) {
                headers.put(name, h.getValue());
            }
        });
        JsonObject json = null;
        Buffer raw = response.body();
        if (raw != null && raw.length() > 0) {
            try {
                json = raw.toJsonObject();
            } catch (DecodeException | ClassCastException e) {
                json = new JsonObject().put("error", new JsonObject().put("code", "InvalidResponse")
                        .put("message", "ARM answered HTTP " + response.statusCode() + " with a body that is not JSON"));
            }
        }
        LOG.debug("{} {} -> {}", method, url, response.statusCode());
        return new ArmResponse(response.statusCode(), headers, json);
    }

    private String url(ArmId id, String suffix, String apiVersion) {
        StringBuilder b = new StringBuilder(endpoint.toString());
        for (String segment : id.segments()) {
            b.append('/').append(escape(segment));
        }
        return b.append(suffix).append("?api-version=").append(escape(apiVersion)).toString();
    }

    private static String escape(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
