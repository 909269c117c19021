package io.azureoperator.emulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * ARM semantics in plain Java: routing by {@link ArmPath}, checks, PUT/GET/PATCH/DELETE per {@link ResourceProfile},
 * lists with paging, actions and operation polling. Calls are serialized ({@code synchronized}); each one only
 * touches memory, so it never blocks for long.
 */
final class ArmService {

    private static final Logger LOG = LoggerFactory.getLogger(ArmService.class);

    final ResourceStore store = new ResourceStore();
    final OperationRegistry operations = new OperationRegistry();
    final SubscriptionRateLimiter limiter = new SubscriptionRateLimiter(System::nanoTime);
    final FaultInjector faults = new FaultInjector(42);
    final AuthPolicy auth = new AuthPolicy();
    private final Random random = new Random(7);
    static final String RESOURCE_REQUESTS_REMAINING = "x-ms-ratelimit-remaining-subscription-resource-requests";
    private volatile String tenantId = "72f988bf-0000-4000-8000-0000000e4a1a";
    private volatile int pageSize = 100;
    private volatile int retryAfterSeconds = 1;
    private volatile String baseUrl = "http://127.0.0.1";
    /** 429 answers sent (rate limiter and injected faults); written under this object's lock. */
    private volatile long throttled;

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    void pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be >= 1");
        }
        this.pageSize = size;
    }

    void retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    long throttled() {
        return throttled;
    }

    void tenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    // ---------------------------------------------------------------- entry point

    synchronized ArmResponse handle(ArmRequest req) {
        ArmPath path = ArmPath.parse(req.path());
        try {
            auth.check(path.subscription(), req.header("Authorization"));
        } catch (ArmError e) {
            return ArmResponse.error(e);
        }
        RequestClass requestClass = RequestClass.of(req.method());
        SubscriptionRateLimiter.Decision decision =
                path.subscription() == null ? null : limiter.acquire(path.subscription(), requestClass);
        if (decision != null && !decision.allowed()) {
            LOG.debug("throttled {} {}", req.method(), req.path());
            throttled++;
            return ArmResponse.error(new ArmError(429, "SubscriptionRequestsThrottled",
                            "Number of '" + requestClass.label() + "' requests for subscription '"
                                    + path.subscription() + "' exceeded the limit of "
                                    + limiter.describe(requestClass) + ". Please try again after '"
                                    + decision.retryAfterSeconds() + "' seconds."))
                    .header("Retry-After", Long.toString(decision.retryAfterSeconds()))
                    .header(requestClass.remainingHeader(), "0");
        }
        ArmResponse response;
        try {
            faults.check(req.method(), req.path());
            response = dispatch(req, path);
        } catch (ArmError e) {
            response = ArmResponse.error(e);
        }
        if (response.status() == 429) {
            throttled++;
            if (response.headers().keySet().stream().noneMatch("Retry-After"::equalsIgnoreCase)) {
                response.header("Retry-After", "1"); // ARM sends one with every 429 (an injected one too)
            }
        }
        if (decision != null) {
            // a POST action (listKeys) is counted here as a write, but ARM reports it only in the provider's
            // resource-requests header, as recorded: no global-writes count to pace by
            response.header(req.method().equals("POST") ? RESOURCE_REQUESTS_REMAINING : requestClass.remainingHeader(),
                    Integer.toString(decision.remaining()));
        }
        LOG.debug("{} {} -> {}", req.method(), req.path(), response.status());
        return response;
    }

    private ArmResponse dispatch(ArmRequest req, ArmPath path) {
        String method = req.method();
        return switch (path.kind()) {
            case RESOURCE -> resource(req, path.id());
            case COLLECTION -> switch (method) {
                case "POST" -> action(req, path);
                case "GET" -> listChildren(req, path);
                default -> throw methodNotAllowed(method);
            };
            case RESOURCE_GROUP_LIST -> {
                requireMethod(method, "GET");
                checkApiVersion(req, ResourceProfiles.RESOURCE_GROUP, ResourceProfiles.RESOURCE_GROUP.apiVersions());
                yield page(req, store.list(path.subscription(), null, ArmId.RESOURCE_GROUP_TYPE));
            }
            case SUBSCRIPTION_COLLECTION -> {
                requireMethod(method, "GET");
                ResourceProfile profile = profileFor(path.namespace(), path.namespace() + "/" + path.lastSegment(),
                        req);
                checkApiVersion(req, profile, profile.apiVersions());
                yield page(req, store.list(path.subscription(), null, profile.type()));
            }
            case PROVIDER_OPERATION, RESOURCE_GROUP_OPERATION -> {
                requireMethod(method, "GET");
                requireApiVersion(req);
                yield poll(req, path);
            }
            case UNKNOWN -> throw new ArmError(404, "NotFound",
                    "The path '" + req.path() + "' is not an ARM path this emulator serves.");
        };
    }

    // ---------------------------------------------------------------- resources

    private ArmResponse resource(ArmRequest req, ArmId rawId) {
        ResourceProfile profile = rawId.isResourceGroup() ? ResourceProfiles.RESOURCE_GROUP
                : profileFor(rawId.namespace(), rawId.fullType(), req);
        checkApiVersion(req, profile, profile.apiVersions());
        ArmId id = rawId.withCanonicalType(profile.type());
        return switch (req.method()) {
            case "GET" -> get(id);
            case "HEAD" -> {
                findExisting(id);
                yield ArmResponse.empty(204);
            }
            case "PUT" -> put(req, id, profile, parseBody(req), false);
            case "PATCH" -> patch(req, id, profile);
            case "DELETE" -> delete(req, id, profile);
            default -> throw methodNotAllowed(req.method());
        };
    }

    private ArmResponse get(ArmId id) {
        StoredResource pending = store.get(id).orElse(null);
        if (pending != null && pending.pendingOperationId() != null) {
            operations.get(pending.pendingOperationId())
                    .ifPresent(op -> op.observe(operations.held(), System.currentTimeMillis()));
        }
        StoredResource r = findExisting(id);
        ArmResponse response = ArmResponse.of(200, view(r));
        if (r.profile().etag()) {
            response.header("ETag", r.body().getString("etag"));
        }
        return response;
    }

    private ArmResponse patch(ArmRequest req, ArmId id, ResourceProfile profile) {
        StoredResource existing = findExisting(id);
        JsonObject merged = view(existing);
        JsonTools.mergePatch(merged, parseBody(req));
        return put(req, id, profile, merged, true);
    }

    private ArmResponse put(ArmRequest req, ArmId id, ResourceProfile profile, JsonObject body, boolean patch) {
        profile.nameRule().accept(id.name());
        StoredResource existing = store.get(id).orElse(null);
        if (id.isResourceGroup()) {
            if (existing != null && "Deleting".equals(existing.provisioningState())) {
                throw resourceGroupBeingDeleted(id);
            }
        } else {
            requireResourceGroupForWrite(id);
            ArmId parent = id.parent();
            if (!parent.isResourceGroup() && store.get(parent).isEmpty()) {
                throw new ArmError(404, "ParentResourceNotFound", "Can not perform requested operation on nested "
                        + "resource. Parent resource '" + parentPath(id) + "' not found.");
            }
        }
        checkLocation(id, profile, body, existing);
        if (profile == ResourceProfiles.STORAGE_ACCOUNT) {
            store.findByTypeAndName(profile.type(), id.name(), id).ifPresent(other -> {
                throw new ArmError(409, "StorageAccountAlreadyTaken",
                        "The storage account named " + id.name() + " is already taken.");
            });
        }
        boolean create = existing == null;
        Map<String, JsonArray> inline = takeInlineChildren(profile, body);
        String initialState = initialState(profile, create);
        StoredResource stored = write(id, profile, body, existing, initialState);
        syncInlineChildren(stored, inline);
        int status = create ? 201 : 200;
        String apiVersion = req.apiVersion();
        return switch (profile.putStyle()) {
            case SYNC -> ArmResponse.of(status, view(stored));
            case SYNC_WITH_OWN_LOCATION -> create
                    ? ArmResponse.of(status, view(stored)).header("Location", profile.format(stored.id()))
                    : ArmResponse.of(status, view(stored));
            case AZURE_ASYNC_OPERATION -> {
                LongRunningOperation op = startWriteOperation(stored);
                yield withEtag(ArmResponse.of(status, view(stored)), stored)
                        .header("Azure-AsyncOperation", providerOperationUrl(stored, "operations", op, apiVersion))
                        .header("Retry-After", Integer.toString(retryAfterSeconds));
            }
            case LOCATION_ON_CREATE -> {
                if (!create || patch) {
                    yield ArmResponse.of(200, view(stored));
                }
                LongRunningOperation op = startWriteOperation(stored);
                yield ArmResponse.empty(202)
                        .header("Location", providerOperationUrl(stored, "asyncoperations", op, apiVersion)
                                .replace("?api-version", "?monitor=true&api-version"))
                        .header("Retry-After", Integer.toString(retryAfterSeconds));
            }
        };
    }

    private ArmResponse delete(ArmRequest req, ArmId id, ResourceProfile profile) {
        if (!id.isResourceGroup() && !id.parent().isResourceGroup() && store.get(id.parent()).isEmpty()) {
            // a nested resource whose parent is gone, even with its group (recorded: storageAccounts/blobServices)
            throw new ArmError(404, "ParentResourceNotFound", "Failed to perform 'delete' on resource(s) of type '"
                    + String.join("/", id.types()) + "', because the parent resource '" + id.parent()
                    + "' could not be found.");
        }
        if (!id.isResourceGroup()) {
            requireResourceGroup(id);
        }
        Optional<StoredResource> found = store.get(id);
        if (found.isEmpty()) {
            if (id.isResourceGroup()) {
                throw ArmError.resourceGroupNotFound(id.resourceGroup());
            }
            return ArmResponse.empty(204);
        }
        StoredResource r = found.get();
        String apiVersion = req.apiVersion();
        switch (profile.deleteStyle()) {
            case SYNC -> {
                store.removeTree(id);
                return ArmResponse.empty(200);
            }
            case LOCATION -> {
                LongRunningOperation op = startDeleteOperation(r);
                return ArmResponse.empty(202)
                        .header("Location", baseUrl + "/subscriptions/" + id.subscription() + "/operationresults/"
                                + op.id() + "?api-version=" + apiVersion)
                        .header("Retry-After", Integer.toString(retryAfterSeconds));
            }
            default -> {
                if (r.profile().etag()) {
                    r.body().put("etag", newEtag());
                }
                LongRunningOperation op = startDeleteOperation(r);
                return ArmResponse.empty(202)
                        .header("Azure-AsyncOperation", providerOperationUrl(r, "operations", op, apiVersion))
                        .header("Location", providerOperationUrl(r, "operationResults", op, apiVersion))
                        .header("Retry-After", Integer.toString(retryAfterSeconds));
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** Builds and stores the body ARM would hold after this write. */
    StoredResource write(ArmId id, ResourceProfile profile, JsonObject requested, StoredResource existing,
                         String provisioningState) {
        JsonObject previous = existing == null ? null : existing.body();
        String idString = profile.format(id);
        String etag = profile.etag() ? newEtag() : null;
        JsonObject b = requested.copy();
        b.remove("id");
        b.remove("type");
        b.remove("etag");
        b.remove("name");
        if (b.getValue("properties") instanceof JsonObject props) {
            props.remove("provisioningState");
        }
        if (b.getValue("location") instanceof String location) {
            b.put("location", normalizeLocation(location));
        }
        JsonTools.mergeMissing(b, profile.defaults());
        WriteContext ctx = new WriteContext(id, idString, etag, previous, tenantId, random);
        profile.behavior().onWrite(b, ctx);
        if (previous != null) {
            for (String field : profile.stickyFields()) {
                Object kept = JsonTools.get(previous, field);
                if (kept != null) {
                    JsonTools.put(b, field, JsonTools.copy(kept));
                }
            }
        }
        JsonObject out = new JsonObject().put("id", idString).put("name", id.name());
        if (etag != null) {
            out.put("etag", etag);
        }
        out.put("type", profile.type());
        if (b.containsKey("location")) {
            out.put("location", b.remove("location"));
        }
        b.forEach(e -> out.put(e.getKey(), e.getValue()));
        JsonObject secrets = existing == null ? new JsonObject() : existing.secrets();
        StoredResource stored = new StoredResource(id, profile, out, secrets);
        stored.provisioningState(provisioningState);
        if ("Succeeded".equals(provisioningState) || profile.settledState() == null) {
            profile.behavior().onSucceeded(out, ctx);
        }
        store.put(stored);
        return stored;
    }

    private static String initialState(ResourceProfile profile, boolean create) {
        return switch (profile.putStyle()) {
            case SYNC, SYNC_WITH_OWN_LOCATION -> "Succeeded";
            case AZURE_ASYNC_OPERATION -> "Updating";
            case LOCATION_ON_CREATE -> create ? "Creating" : "Succeeded";
        };
    }

    private static Map<String, JsonArray> takeInlineChildren(ResourceProfile profile, JsonObject body) {
        Map<String, JsonArray> inline = new LinkedHashMap<>();
        JsonObject props = body.getValue("properties") instanceof JsonObject p ? p : new JsonObject();
        for (String field : profile.inlineChildren().keySet()) {
            Object value = props.remove(field);
            inline.put(field, value instanceof JsonArray a ? a : new JsonArray());
        }
        return inline;
    }

    /**
     * Entries of an inline array (VNet {@code subnets}) become child resources; children missing from the array are
     * deleted, as a real VNet PUT does.
     */
    private void syncInlineChildren(StoredResource parent, Map<String, JsonArray> inline) {
        for (Map.Entry<String, JsonArray> e : inline.entrySet()) {
            String childType = parent.profile().inlineChildren().get(e.getKey());
            ResourceProfile childProfile = ResourceProfiles.find(parent.profile().type() + "/" + childType)
                    .orElseThrow();
            Set<String> keep = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (Object o : e.getValue()) {
                if (o instanceof JsonObject child && child.getString("name") != null) {
                    ArmId childId = parent.id().child(childProfile.shortType(), child.getString("name"));
                    keep.add(childId.name());
                    write(childId, childProfile, child, store.get(childId).orElse(null), "Succeeded");
                }
            }
            for (StoredResource existing : store.children(parent.id(), childType)) {
                if (!keep.contains(existing.id().name())) {
                    LOG.info("PUT of {} without subnet {}: deleting it, as ARM does", parent.id(), existing.id().name());
                    store.removeTree(existing.id());
                }
            }
        }
    }

    private LongRunningOperation startWriteOperation(StoredResource r) {
        LongRunningOperation[] holder = new LongRunningOperation[1];
        holder[0] = operations.start(r.id(), r.id().toString(), false, retryAfterSeconds * 1000L,
                () -> ifStillPending(r.id(), holder[0], current -> {
                    current.provisioningState("Succeeded");
                    current.profile().behavior().onSucceeded(current.body(), new WriteContext(current.id(),
                            current.body().getString("id"), null, null, tenantId, random));
                }),
                () -> ifStillPending(r.id(), holder[0], current -> current.provisioningState("Failed")));
        r.pendingOperationId(holder[0].id());
        return holder[0];
    }

    private LongRunningOperation startDeleteOperation(StoredResource r) {
        r.provisioningState("Deleting");
        LongRunningOperation[] holder = new LongRunningOperation[1];
        holder[0] = operations.start(r.id(), r.id().toString(), true, retryAfterSeconds * 1000L,
                () -> ifStillPending(r.id(), holder[0], current -> {
                    List<StoredResource> removed = store.removeTree(current.id());
                    LOG.debug("deleted {} ({} resources)", current.id(), removed.size());
                }),
                () -> ifStillPending(r.id(), holder[0], current -> current.provisioningState("Failed")));
        r.pendingOperationId(holder[0].id());
        return holder[0];
    }

    private void ifStillPending(ArmId id, LongRunningOperation op, Consumer<StoredResource> action) {
        synchronized (this) {
            store.get(id).filter(current -> op.id().equals(current.pendingOperationId())).ifPresent(current -> {
                current.pendingOperationId(null);
                action.accept(current);
            });
        }
    }

    // ---------------------------------------------------------------- actions, lists, polls

    private ArmResponse action(ArmRequest req, ArmPath path) {
        ArmId rawId = path.id();
        if (rawId.isResourceGroup()) {
            throw methodNotAllowed(req.method());
        }
        ResourceProfile profile = profileFor(rawId.namespace(), rawId.fullType(), req);
        String action = path.lastSegment();
        Set<String> versions = profile.actions().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(action)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new ArmError(404, "InvalidResourceType", "The resource type '"
                        + String.join("/", rawId.types()) + "/" + action + "' could not be found in the namespace '"
                        + rawId.namespace() + "' for api version '" + req.apiVersion() + "'."));
        checkApiVersion(req, profile, versions);
        StoredResource r = findExisting(rawId.withCanonicalType(profile.type()));
        if (action.equalsIgnoreCase("regenerateKey")) {
            return ArmResponse.of(200, regenerateKey(r, req));
        }
        return ArmResponse.of(200, listKeys(r));
    }

    /** As the storage provider: a new value for {@code keyName}, and its keyCreationTime moves to now. */
    private synchronized JsonObject regenerateKey(StoredResource account, ArmRequest req) {
        String keyName;
        try {
            String body = req.body() == null || req.body().isBlank() ? "{}" : req.body();
            keyName = new JsonObject(body).getString("keyName");
        } catch (RuntimeException e) {
            keyName = null;
        }
        if (!"key1".equals(keyName) && !"key2".equals(keyName)) {
            throw new ArmError(400, "InvalidValuesForRequestParameters",
                    "Values for request parameters are invalid: keyName.");
        }
        listKeys(account); // the keys exist
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        for (Object k : account.secrets().getJsonArray("keys")) {
            JsonObject key = (JsonObject) k;
            if (keyName.equals(key.getString("keyName"))) {
                key.put("value", Base64.getEncoder().encodeToString(bytes)).put("creationTime", now);
            }
        }
        JsonObject body = account.body().copy();
        JsonTools.objectAt(JsonTools.objectAt(body, "properties"), "keyCreationTime").put(keyName, now);
        account.body(body);
        return new JsonObject().put("keys", account.secrets().getJsonArray("keys").copy());
    }

    private JsonObject listKeys(StoredResource account) {
        if (!account.secrets().containsKey("keys")) {
            String created = (String) JsonTools.get(account.body(), "properties.creationTime");
            JsonArray keys = new JsonArray();
            for (String name : List.of("key1", "key2")) {
                byte[] bytes = new byte[64];
                random.nextBytes(bytes);
                keys.add(new JsonObject().put("creationTime", created).put("keyName", name)
                        .put("value", Base64.getEncoder().encodeToString(bytes)).put("permissions", "FULL"));
            }
            account.secrets().put("keys", keys);
        }
        return new JsonObject().put("keys", account.secrets().getJsonArray("keys").copy());
    }

    private ArmResponse listChildren(ArmRequest req, ArmPath path) {
        ArmId parent = path.id();
        String fullType = parent.isResourceGroup() ? path.namespace() + "/" + path.lastSegment()
                : parent.fullType() + "/" + path.lastSegment();
        ResourceProfile profile = profileFor(path.namespace(), fullType, req);
        checkApiVersion(req, profile, profile.apiVersions());
        requireResourceGroup(parent);
        if (parent.isResourceGroup()) {
            return page(req, store.list(parent.subscription(), parent.resourceGroup(), profile.type()));
        }
        StoredResource p = findExisting(parent.withCanonicalType(ResourceProfiles.find(parent.fullType())
                .map(ResourceProfile::type).orElse(parent.fullType())));
        return page(req, store.children(p.id(), profile.shortType()));
    }

    private ArmResponse page(ArmRequest req, List<StoredResource> all) {
        int skip = 0;
        String token = req.query().get("$skiptoken");
        if (token != null) {
            try {
                skip = Math.max(0, Integer.parseInt(token));
            } catch (NumberFormatException e) {
                throw new ArmError(400, "InvalidSkipToken", "The skip token '" + token + "' is invalid.");
            }
        }
        int size = pageSize;
        JsonArray value = new JsonArray();
        all.stream().skip(skip).limit(size).forEach(r -> value.add(view(r)));
        JsonObject body = new JsonObject().put("value", value);
        if (skip + size < all.size()) {
            body.put("nextLink", baseUrl + req.path() + "?api-version=" + req.apiVersion() + "&$skiptoken="
                    + (skip + size));
        }
        return ArmResponse.of(200, body);
    }

    private ArmResponse poll(ArmRequest req, ArmPath path) {
        LongRunningOperation op = operations.get(path.subscription(), path.operationId())
                .orElseThrow(() -> new ArmError(404, "OperationNotFound",
                        "The operation '" + path.operationId() + "' could not be found."));
        LongRunningOperation.Status status = op.poll(operations.held(), System.currentTimeMillis());
        String selfUrl = baseUrl + req.path() + "?" + queryString(req);
        String kind = path.kind() == ArmPath.Kind.RESOURCE_GROUP_OPERATION ? "operationresults"
                : path.operationKind().toLowerCase(Locale.ROOT);
        if (kind.equals("operations")) {
            JsonObject body = new JsonObject().put("status", status.name());
            if (op.error() != null) {
                body.put("error", op.error());
            }
            ArmResponse response = ArmResponse.of(200, body);
            if (status == LongRunningOperation.Status.InProgress) {
                response.header("Retry-After", Integer.toString(retryAfterSeconds));
            }
            return response;
        }
        if (status == LongRunningOperation.Status.InProgress) {
            return ArmResponse.empty(202).header("Location", selfUrl)
                    .header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (op.error() != null) {
            return ArmResponse.of(400, new JsonObject().put("error", op.error()));
        }
        if (op.isDelete()) {
            return ArmResponse.empty(path.kind() == ArmPath.Kind.RESOURCE_GROUP_OPERATION ? 200 : 204);
        }
        return store.get(op.target()).map(r -> ArmResponse.of(200, view(r))).orElse(ArmResponse.empty(200));
    }

    // ---------------------------------------------------------------- checks and helpers

    private ResourceProfile profileFor(String namespace, String fullType, ArmRequest req) {
        requireApiVersion(req);
        if (!ResourceProfiles.knowsNamespace(namespace)) {
            throw new ArmError(400, "InvalidResourceNamespace", "The resource namespace '" + namespace
                    + "' is invalid.");
        }
        return ResourceProfiles.find(fullType).orElseThrow(() -> new ArmError(404, "InvalidResourceType",
                "The resource type '" + fullType.substring(fullType.indexOf('/') + 1)
                        + "' could not be found in the namespace '" + namespace + "' for api version '"
                        + req.apiVersion() + "'."));
    }

    private static void requireApiVersion(ArmRequest req) {
        if (req.apiVersion() == null || req.apiVersion().isBlank()) {
            throw new ArmError(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
    }

    private static void checkApiVersion(ArmRequest req, ResourceProfile profile, Set<String> versions) {
        requireApiVersion(req);
        String version = req.apiVersion();
        if (versions.contains(version)) {
            return;
        }
        String supported = String.join(", ", new TreeSet<>(versions));
        if (profile == ResourceProfiles.RESOURCE_GROUP) {
            throw new ArmError(400, "InvalidApiVersionParameter", "The api-version '" + version
                    + "' is invalid. The supported versions are '" + supported + "'.");
        }
        throw new ArmError(400, "NoRegisteredProviderFound", "No registered resource provider found for location "
                + "'global' and API version '" + version + "' for type '" + profile.type().substring(
                profile.type().indexOf('/') + 1) + "'. The supported api-versions are '" + supported + "'.");
    }

    private StoredResource requireResourceGroup(ArmId id) {
        return store.get(id.resourceGroupId())
                .orElseThrow(() -> ArmError.resourceGroupNotFound(id.resourceGroup()));
    }

    private void requireResourceGroupForWrite(ArmId id) {
        StoredResource rg = requireResourceGroup(id);
        if ("Deleting".equals(rg.provisioningState())) {
            throw resourceGroupBeingDeleted(id);
        }
    }

    private static ArmError resourceGroupBeingDeleted(ArmId id) {
        return new ArmError(409, "ResourceGroupBeingDeleted", "The resource group '" + id.resourceGroup()
                + "' is in deprovisioning state and cannot perform this operation.");
    }

    /** The stored resource, or the 404 ARM gives for it (resource group, parent or resource missing). */
    private StoredResource findExisting(ArmId id) {
        if (!id.isResourceGroup()) {
            requireResourceGroup(id);
        }
        Optional<StoredResource> found = store.get(id);
        if (found.isPresent()) {
            return found.get();
        }
        if (id.isResourceGroup()) {
            throw ArmError.resourceGroupNotFound(id.resourceGroup());
        }
        ArmId parent = id.parent();
        if (!parent.isResourceGroup() && store.get(parent).isEmpty()) {
            throw resourceNotFound(parent);
        }
        if (!parent.isResourceGroup()) {
            throw new ArmError(404, "NotFound", "Resource " + id + " not found.");
        }
        throw resourceNotFound(id);
    }

    private static ArmError resourceNotFound(ArmId id) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + id.namespace() + "/"
                + String.join("/", interleave(id)) + "' under resource group '" + id.resourceGroup()
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    private static List<String> interleave(ArmId id) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < id.types().size(); i++) {
            parts.add(id.types().get(i));
            parts.add(id.names().get(i));
        }
        return parts;
    }

    private static String parentPath(ArmId id) {
        return String.join("/", id.parent().names());
    }

    private void checkLocation(ArmId id, ResourceProfile profile, JsonObject body, StoredResource existing) {
        Object location = body.getValue("location");
        if (profile.locationRequired() && (!(location instanceof String s) || s.isBlank())) {
            throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
        }
        if (existing == null || !(location instanceof String requested)) {
            return;
        }
        String current = existing.body().getString("location");
        if (current != null && !current.equals(normalizeLocation(requested))) {
            if (id.isResourceGroup()) {
                throw new ArmError(409, "InvalidResourceGroupLocation", "Invalid resource group location '"
                        + requested + "'. The Resource group already exists in location '" + current + "'.");
            }
            throw new ArmError(400, "InvalidResourceLocation", "The resource '" + id.name()
                    + "' already exists in location '" + current + "' in resource group '" + id.resourceGroup()
                    + "'. A resource with the same name cannot be created in location '" + requested
                    + "'. Please select a new resource name.");
        }
    }

    private static String normalizeLocation(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static JsonObject parseBody(ArmRequest req) {
        String raw = req.body();
        if (raw == null || raw.isBlank()) {
            return new JsonObject();
        }
        try {
            Object parsed = Json.decodeValue(raw);
            if (parsed instanceof JsonObject o) {
                return o;
            }
            throw ArmError.invalidRequestContent("the request body must be a JSON object");
        } catch (DecodeException e) {
            throw ArmError.invalidRequestContent(e.getMessage());
        }
    }

    /** The body a GET returns: stored body plus derived data. */
    JsonObject view(StoredResource r) {
        JsonObject view = r.body().copy();
        r.profile().behavior().decorateView(view, r.id(), store);
        return view;
    }

    private String providerOperationUrl(StoredResource r, String kind, LongRunningOperation op, String apiVersion) {
        return baseUrl + "/subscriptions/" + r.id().subscription() + "/providers/" + r.profile().namespace()
                + "/locations/" + locationOf(r.id()) + "/" + kind + "/" + op.id() + "?api-version=" + apiVersion;
    }

    /** Location of the resource or of its nearest ancestor that has one (subnets take their VNet's). */
    private String locationOf(ArmId id) {
        for (ArmId current = id; current != null; current = current.parent()) {
            Optional<String> location = store.get(current).map(r -> r.body().getString("location"));
            if (location.isPresent() && location.get() != null) {
                return location.get();
            }
        }
        return "global";
    }

    private static ArmResponse withEtag(ArmResponse response, StoredResource r) {
        return r.profile().etag() ? response.header("ETag", r.body().getString("etag")) : response;
    }

    private static String newEtag() {
        return "W/\"" + UUID.randomUUID() + "\"";
    }

    private static String queryString(ArmRequest req) {
        StringBuilder sb = new StringBuilder();
        req.query().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw methodNotAllowed(method);
        }
    }

    private static ArmError methodNotAllowed(String method) {
        return new ArmError(405, "MethodNotAllowed", "The HTTP method '" + method
                + "' is not supported for this path.");
    }
}
