package io.azureoperator.reconcile;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.ArmResponse;
import io.azureoperator.budget.Priority;
import io.azureoperator.config.ReconcilePolicy;
import io.azureoperator.kinds.ArmBodies;
import io.azureoperator.kinds.ArmIdResolver;
import io.azureoperator.kinds.ExportPlan;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.References;
import io.azureoperator.kinds.Resolution;
import io.azureoperator.kinds.SpecValidator;
import io.azureoperator.kube.Annotations;
import io.azureoperator.config.DriftDetection;
import io.azureoperator.credentials.CredentialResolver;
import io.azureoperator.kube.CrStore;
import io.azureoperator.lead.NotLeaderException;
import io.azureoperator.kube.EventRecorder;
import io.azureoperator.kube.OwnWrites;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.kube.Resources;
import io.azureoperator.model.ArmId;
import io.azureoperator.model.CloudError;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.azureoperator.model.Drift;
import io.azureoperator.model.DriftReport;
import io.azureoperator.model.ErrorClassifier;
import io.azureoperator.model.Outcome;
import io.azureoperator.model.ReadyState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reconcile algorithm, for every kind: claim, PUT, follow the long-running operation, mirror
 * status, delete. It decides what to do and returns an {@link Outcome}; it never decides when (the budget
 * and the kind's scheduler do). Kind-specific facts come only from the {@link KindDescriptor}.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    /** A PUT still unanswered after this long shows Reconciling on the resource while it waits. */
    private static final Duration SHOW_PROGRESS_AFTER = Duration.ofMillis(200);
    private static final Duration MIN_POLL = Duration.ofMillis(500);

    private final KindDescriptor kind;
    private final ResourceCache cache;
    private final ArmIdResolver ids;
    private final References references;
    private final Exporter exporter;
    private final PolicyResolver policies;
    private final CrStore store;
    private final ArmClient arm;
    private final CredentialResolver credentials;
    private final Clock clock;
    private final DriftDetection drift;
    private final ListSnapshots lists;
    private final EventRecorder events;
    private final OwnWrites ownWrites;
    private final Optional<SyncSchedule> syncs;
    private final SpecValidator validator = new SpecValidator();

    public Reconciler(KindDescriptor kind, ResourceCache cache, ArmIdResolver ids, References references,
                      Exporter exporter, PolicyResolver policies, CrStore store, ArmClient arm,
                      EventRecorder events, CredentialResolver credentials, DriftDetection drift, ListSnapshots lists,
                      OwnWrites ownWrites, Optional<SyncSchedule> syncs, Clock clock) {
        this.ownWrites = ownWrites;
        this.syncs = syncs;
        this.exporter = exporter;
        this.events = events;
        this.drift = drift;
        this.lists = lists;
        this.kind = kind;
        this.cache = cache;
        this.ids = ids;
        this.references = references;
        this.policies = policies;
        this.store = store;
        this.arm = arm;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * One run; after sending a PUT it writes its status and Event once {@code hooks} give it its turn (the kind's
     * queue lets the changes behind it reach their PUTs first), and it tells {@code hooks} the versions it wrote.
     */
    public Future<Outcome> reconcile(ResourceKey key, Trigger trigger, RunHooks hooks) {
        Optional<GenericKubernetesResource> found = cache.get(key);
        if (found.isEmpty()) {
            ownWrites.forget(key);
            return Future.succeededFuture(Outcome.forget());
        }
        GenericKubernetesResource freshest = ownWrites.freshest(found.get());
        if (freshest == null) {
            return Future.succeededFuture(Outcome.forget()); // our last write deleted it
        }
        Run run = new Run(freshest, trigger, hooks);
        return run.start().recover(run::onFailure);
    }

    /** One reconcile of one resource; holds the latest copy of the resource as writes return it. */
    private final class Run {
        /** The resource's writes; writes return newer copies of it, possibly with a newer spec. */
        private final ResourceWrites writes;
        private final Trigger trigger;
        private final RunHooks hooks;
        private final String log;
        private final Priority priority;
        /**
         * The generation this run acts on: the condition must say which spec was applied, even when a write
         * returned a copy with a newer spec (the newer one gets its own run).
         */
        private final long generation;
        private ExportPlan exports;
        /** ARM, with this resource's credential. */
        private ArmClient client;
        private String subscriptionId;
        /** This run sent a PUT (for the event). */
        private boolean wrote;
        /**
         * This run claimed the resource (it was not claimed before): a Ready=True it finds was written under
         * another policy (skip mirrors Azure), so Azure is read and compared instead of trusted.
         */
        private boolean claimedNow;
        /** A drift check's GET is on its way: if it gets no answer, only the check failed. */
        private boolean checking;

        Run(GenericKubernetesResource resource, Trigger trigger, RunHooks hooks) {
            this.hooks = hooks;
            this.writes = new ResourceWrites(kind, store, cache, ownWrites, clock, syncs, resource, hooks);
            this.generation = writes.generation();
            this.trigger = trigger;
            this.log = kind.kind() + " " + ResourceKey.of(resource);
            this.priority = trigger == Trigger.PERIODIC_SYNC ? Priority.SYNC : Priority.USER;
        }

        /** The ownerReference, then the resource's credential: it gives the subscription, the budget and the tokens. */
        Future<Outcome> start() {
            if (Resources.deleting(resource())) {
                PolicyResolver.Resolved policy = policies.resolve(resource());
                if (!Resources.hasFinalizer(resource()) || (policy.valid() && toDelete(policy).isEmpty())) {
                    return delete(policy); // nothing goes to Azure, so no credential is needed (its Secret may be gone)
                }
            }
            return adopt(false).compose(v -> credentials.resolve(resource())).compose(c -> {
                if (!c.ok()) {
                    LOG.info("{}: {}: {}", log, c.reason(), c.message());
                    events.warning(resource(), c.reason(), c.message());
                    return status(null, "Failed".equals(c.reason()) ? ReadyState.error(c.reason(), c.message())
                            : ReadyState.warning(c.reason(), c.message())).map(Outcome.retry(c.reason()));
                }
                client = arm.with(c.credential().tokens(),
                        kind.kind() + "/" + resource().getMetadata().getNamespace());
                subscriptionId = c.credential().subscriptionId();
                return decide();
            });
        }

        private Future<Outcome> decide() {
            PolicyResolver.Resolved policy = policies.resolve(resource());
            if (Resources.deleting(resource())) {
                return delete(policy);
            }
            if (!policy.valid()) {
                return fail(ReadyState.error(ReadyState.FAILED, policy.problem()));
            }
            List<String> problems = validator.validate(kind, Resources.spec(resource()),
                    resource().getMetadata().getName());
            if (!problems.isEmpty()) {
                return fail(ReadyState.error(ReadyState.FAILED, "invalid spec: " + String.join("; ",
                        problems.subList(0, Math.min(3, problems.size())))
                        + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : "")));
            }
            try {
                exports = ExportPlan.of(kind, Resources.spec(resource()));
            } catch (IllegalArgumentException e) {
                return fail(ReadyState.error(ReadyState.FAILED, e.getMessage()));
            }
            Resolution<ArmId> resolvedId = ids.resolve(kind, resource(), subscriptionId);
            if (!(resolvedId instanceof Resolution.Resolved<ArmId> armId)) {
                return unresolved(resolvedId, ReadyState.WAITING_FOR_OWNER, "owner");
            }
            ArmId id = armId.value();
            if (!id.subscriptionId().equalsIgnoreCase(subscriptionId)) {
                // as ASO: the credential's subscription is the resource's (and selects its budget); retried, as a
                // credential Secret may be fixed without a spec change
                ReadyState mismatch = ReadyState.error(ReadyState.FAILED, "the resource is in subscription "
                        + id.subscriptionId() + " but its credential is for subscription " + subscriptionId
                        + ": use a credential for that subscription (credential-from, or the namespace's aso-credential)");
                return fail(mismatch).map(Outcome.retry("subscription mismatch"));
            }
            Optional<String> claimed = Resources.annotation(resource(), Annotations.RESOURCE_ID);
            if (claimed.isPresent() && !claimed.get().equalsIgnoreCase(id.toString())) {
                return moved(claimed.get(), id, policy);
            }
            return adopt(true).compose(v -> manage(id, policy));
        }

        private Future<Outcome> manage(ArmId id, PolicyResolver.Resolved policy) {
            if (policy.policy() == ReconcilePolicy.SKIP) {
                return letGo().compose(v -> observe(id));
            }
            Resolution<JsonObject> refs = references.resolve(kind, resource().getMetadata().getNamespace(),
                    Resources.spec(resource()));
            if (!(refs instanceof Resolution.Resolved<JsonObject> resolvedSpec)) {
                return unresolved(refs, ReadyState.REFERENCE_NOT_FOUND, "reference");
            }
            JsonObject spec = resolvedSpec.value();
            return claim(id).compose(v -> createOrUpdate(id, spec));
        }

        /**
         * azureName or the owner now give another ARM ID than the one claimed. Once the resource exists in Azure that
         * is an error (the operator would orphan it). A claim whose create never succeeded (a name already taken, an
         * owner armId with a typo) may be fixed: when Azure confirms nothing is at the claimed ID, the new one is
         * claimed instead.
         */
        private Future<Outcome> moved(String claimed, ArmId id, PolicyResolver.Resolved policy) {
            String message = "the resource is " + claimed + " in Azure; azureName and owner cannot change after "
                    + "creation (now they give " + id + ")";
            Optional<ArmId> claimedId = ArmId.tryParse(claimed);
            boolean mayExist = Resources.createdArmId(resource()).isPresent()
                    || Resources.annotation(resource(), Annotations.POLLER_RESUME_TOKEN).isPresent();
            if (policy.policy() == ReconcilePolicy.SKIP || mayExist || claimedId.isEmpty()) {
                return fail(ReadyState.error(ReadyState.FAILED, message));
            }
            return client.get(claimedId.get(), kind.apiVersion(), priority).compose(r -> {
                if (r.ok()) {
                    return fail(ReadyState.error(ReadyState.FAILED, message));
                }
                if (r.status() != 404) {
                    return armError(r.error());
                }
                LOG.info("{}: {} was never created in Azure: claiming {} instead", log, claimed, id);
                claimedNow = true;
                return writes.claim(id).compose(v -> adopt(true)).compose(v -> manage(id, policy));
            });
        }

        /**
         * The owner custom resource becomes an ownerReference as soon as it exists, before anything else is checked
         * (credential, policy, spec, references): deleting the owner garbage-collects this resource even when it is
         * skipped, invalid or waiting. Kubernetes only: nothing goes to Azure, no finalizer is added.
         */
        private Future<Void> adopt(boolean idChecked) {
            if (Resources.deleting(resource())) {
                return Future.succeededFuture();
            }
            Optional<OwnerReference> owner = ids.ownerResource(kind, resource()).map(Reconciler::ownerReference);
            if (owner.isEmpty() || writes.owned(owner.get())) {
                return Future.succeededFuture();
            }
            if (!idChecked && writes.ownedByAnother(owner.get())
                    && Resources.annotation(resource(), Annotations.RESOURCE_ID).isPresent()) {
                // the owner changed on a claimed resource: moved to the new owner only once decide() found that it
                // keeps the ARM ID (else deleting the new owner would garbage-collect, and DELETE, this resource)
                return Future.succeededFuture();
            }
            LOG.info("{}: adding ownerReference to {} {}", log, owner.get().getKind(), owner.get().getName());
            return writes.adopt(owner.get());
        }

        /** An owner or reference that is not there yet (wait for it), or never can be (the spec must change). */
        private Future<Outcome> unresolved(Resolution<?> resolution, String waitingReason, String what) {
            if (resolution instanceof Resolution.Waiting<?> waiting) {
                LOG.info("{}: waiting for {}: {}", log, what, waiting.message());
                return status(null, ReadyState.warning(waitingReason, waiting.message()))
                        .map(Outcome.waitFor(waitingReason, waiting.dependency()));
            }
            return fail(ReadyState.error(ReadyState.FAILED, ((Resolution.Invalid<?>) resolution).message()));
        }

        // --- skip: GET only -------------------------------------------------------------------------

        /**
         * Under skip the operator holds nothing in Azure, so it holds no finalizer either (a resource managed before
         * loses it). A later switch back to manage claims the resource again, and that run compares with Azure.
         */
        private Future<Void> letGo() {
            if (!Resources.hasFinalizer(resource())) {
                return Future.succeededFuture();
            }
            LOG.info("{}: reconcile-policy skip: removing the finalizer (Azure is only read from now on)", log);
            return writes.releaseFinalizer();
        }

        private Future<Outcome> observe(ArmId id) {
            return client.get(id, kind.apiVersion(), priority).compose(r -> {
                if (r.status() == 404) {
                    return status(new JsonObject(), ReadyState.warning(ReadyState.AZURE_RESOURCE_NOT_FOUND,
                            id + " does not exist in Azure (reconcile-policy skip: not creating it)"))
                            .map(Outcome.inSync());
                }
                if (!r.ok()) {
                    return armError(r.error());
                }
                return succeeded(id, r.body(), false);
            });
        }

        // --- manage, detach-on-delete ---------------------------------------------------------------

        /** Finalizer and resource-id annotation are persisted before the first PUT (the ownerReference is already set). */
        private Future<Void> claim(ArmId id) {
            if (writes.claimed()) {
                return Future.succeededFuture();
            }
            LOG.info("{}: claiming {} (finalizer, resource-id)", log, id);
            claimedNow = true;
            return writes.claim(id);
        }

        private Future<Outcome> createOrUpdate(ArmId id, JsonObject spec) {
            Optional<String> token = Resources.annotation(resource(), Annotations.POLLER_RESUME_TOKEN);
            if (token.isPresent()) {
                return resumeOperation(id, token.get(), spec);
            }
            Optional<Condition> ready = Conditions.find(Resources.status(resource()).getJsonArray("conditions"),
                    Condition.READY);
            boolean current = ready.isPresent() && ready.get().observedGeneration() == generation;
            if (current && Exporter.CONFLICT.equals(ready.get().reason())) {
                return exported(id, Resources.status(resource()), false, null); // in Azure; nothing sent meanwhile
            }
            if (current && Exporter.FAILED.equals(ready.get().reason())) {
                // in Azure: only the exports are left. A GET (a read) shows whether the action values changed since
                // the status (kept as it was when they last made it to the exports): then the actions run again
                return client.get(id, kind.apiVersion(), priority).compose(r -> r.ok()
                        ? exported(id, ArmBodies.toStatus(r.body()), false, r.body())
                        : r.status() == 404 ? put(id, spec) : checkFailed(r.error()));
            }
            // an ARM error fatal for this spec waits for a spec change; an Error from the operator's own checks
            // (reason Failed: policy, credential, spec, owner, references) was cleared by this run passing them
            if (current && ready.get().severity() == Condition.Severity.Error
                    && !ReadyState.FAILED.equals(ready.get().reason())) {
                LOG.debug("{}: fatal error recorded for generation {}; waiting for a spec change", log, generation);
                return Future.succeededFuture(Outcome.waitForChange("fatal error"));
            }
            if (current && ready.get().isTrue()) {
                if (claimedNow) {
                    LOG.info("{}: Ready was recorded before the resource was managed; comparing with Azure", log);
                    return syncByGet(id, spec);
                }
                if (trigger != Trigger.PERIODIC_SYNC) {
                    return Future.succeededFuture(Outcome.inSync());
                }
                return sync(id, spec);
            }
            return put(id, spec);
        }

        /**
         * Periodic re-sync of a resource in sync, per DRIFT_DETECTION: {@code put} re-sends it (as ASO does);
         * {@code get} reads it and PUTs only on drift; {@code list} finds it in its scope's LIST snapshot.
         */
        private Future<Outcome> sync(ArmId id, JsonObject spec) {
            if (drift == DriftDetection.PUT) {
                return put(id, spec);
            }
            if (drift == DriftDetection.LIST && lists != null) {
                return lists.lookup(client, id).compose(
                        listed -> listed.isPresent() ? compare(id, spec, listed.get()) : syncByGet(id, spec),
                        listFailed -> {
                            LOG.debug("{}: {}; reading the resource instead", log, listFailed.getMessage());
                            return syncByGet(id, spec);
                        });
            }
            return syncByGet(id, spec);
        }

        private Future<Outcome> syncByGet(ArmId id, JsonObject spec) {
            checking = true;
            return client.get(id, kind.apiVersion(), priority).compose(r -> {
                checking = false;
                if (!r.ok() && r.status() != 404 && !ErrorClassifier.isFatal(r.error())) {
                    return checkFailed(r.error());
                }
                if (r.status() == 404) {
                    LOG.info("{}: {} is missing in Azure; creating it again", log, id);
                    events.normal(resource(), "DriftCorrected", id + " was missing in Azure; creating it again");
                    return put(id, spec);
                }
                if (!r.ok()) {
                    return armError(r.error());
                }
                return compare(id, spec, r.body());
            });
        }

        /** PUT only when Azure differs from the spec in a field the spec sets. */
        private Future<Outcome> compare(ArmId id, JsonObject spec, JsonObject actual) {
            if (OperationState.provisioningFailed(actual)) {
                String state = actual.getJsonObject("properties").getString("provisioningState");
                LOG.info("{}: {} is in provisioningState {} in Azure; sending the spec again", log, id, state);
                events.normal(resource(), "DriftCorrected", id + " was in provisioningState " + state
                        + " in Azure; sending the spec again");
                return put(id, spec);
            }
            DriftReport report = Drift.compare(ArmBodies.fromSpec(kind, spec), actual, kind.armType());
            if (!report.drifted()) {
                return succeeded(id, actual, false);
            }
            LOG.info("{}: drift in Azure: {}; correcting it", log, report.summary());
            events.normal(resource(), "DriftCorrected", report.summary());
            return put(id, spec);
        }

        private Future<Outcome> put(ArmId id, JsonObject spec) {
            JsonObject desired = ArmBodies.fromSpec(kind, spec);
            LOG.info("{}: PUT {} (generation {})", log, id, generation);
            wrote = true;
            if (lists != null) {
                lists.written(id);
            }
            hooks.sendingPut();
            Future<ArmResponse> sent = putPreserving(id, desired);
            // Reconciling is shown only while a PUT is slow (waiting for budget, or ARM slow to answer): a quick
            // PUT goes straight to its result, one Kubernetes write fewer. A periodic re-PUT of a resource in
            // sync keeps it Ready: only a new spec or a failure changes that.
            Future<Void> shown = trigger == Trigger.PERIODIC_SYNC ? Future.succeededFuture()
                    : slow(sent).compose(slow -> slow
                            ? status(null, ReadyState.reconciling("creating or updating " + id))
                            : Future.succeededFuture());
            return shown.transform(ignored -> sent)
                    .compose(r -> {
                        if (!r.ok()) {
                            return armError(r.error());
                        }
                        Optional<String> operation = r.operationUrl().filter(arm::isOnEndpoint);
                        OperationState state = OperationState.of(r, DEFAULT_POLL);
                        if (operation.isPresent() && (r.status() == 202 || state instanceof OperationState.Running
                                || r.header("azure-asyncoperation").isPresent())) {
                            return startedOperation(operation.get(), r);
                        }
                        if (state instanceof OperationState.Running running) {
                            // accepted without an operation URL: poll the resource itself
                            return startedOperation(selfUrl(id), r);
                        }
                        if (state instanceof OperationState.Failed failed) {
                            // answered at once with the resource in provisioningState Failed
                            return armError(failed.error());
                        }
                        if (r.body() != null && r.body().containsKey("id")) {
                            // ARM answered with the resource as it now is: no GET needed to mirror it
                            LOG.info("{}: in sync with {}", log, id);
                            return succeeded(id, r.body(), true);
                        }
                        return read(id, null);
                    });
        }

        /** True once {@code request} has taken longer than {@link #SHOW_PROGRESS_AFTER}, false if it ended sooner. */
        private Future<Boolean> slow(Future<?> request) {
            Context context = Vertx.currentContext();
            if (context == null) {
                return Future.succeededFuture(true);
            }
            Promise<Boolean> slow = Promise.promise();
            long timer = context.owner().setTimer(SHOW_PROGRESS_AFTER.toMillis(), t -> slow.tryComplete(true));
            request.onComplete(ar -> {
                if (slow.tryComplete(false)) {
                    context.owner().cancelTimer(timer);
                }
            });
            return slow.future();
        }

        /**
         * PUT, carrying what Azure holds at the kind's preserveOnPut paths (read first; a VNet PUT without its
         * subnets would delete them). A failed read answers for the PUT, which is not sent: nothing is lost.
         */
        private Future<ArmResponse> putPreserving(ArmId id, JsonObject desired) {
            if (kind.preserveOnPut().isEmpty()) {
                return client.put(id, kind.apiVersion(), desired, priority);
            }
            return client.get(id, kind.apiVersion(), priority).compose(read -> {
                if (!read.ok() && read.status() != 404) {
                    return Future.succeededFuture(read);
                }
                JsonObject body = read.ok() && read.body() != null
                        ? ArmBodies.preserve(desired, read.body(), kind.preserveOnPut()) : desired;
                return client.put(id, kind.apiVersion(), body, priority);
            });
        }

        private String selfUrl(ArmId id) {
            return arm.resourceUrl(id, kind.apiVersion());
        }

        private Future<Outcome> startedOperation(String url, ArmResponse r) {
            LOG.info("{}: ARM accepted the request (HTTP {}); polling its operation", log, r.status());
            return writes.setToken(url).map(v -> Outcome.pollAfter(pollDelay(r.retryAfter(DEFAULT_POLL))));
        }

        private Future<Outcome> resumeOperation(ArmId id, String url, JsonObject spec) {
            if (!arm.isOnEndpoint(url)) {
                LOG.warn("{}: poller-resume-token is not on the ARM endpoint; dropping it", log);
                return clearToken().compose(v -> createOrUpdate(id, spec));
            }
            return client.poll(id.subscriptionId(), url, Priority.USER).compose(r -> {
                OperationState state = OperationState.of(r, DEFAULT_POLL);
                if (state instanceof OperationState.Running running) {
                    return status(null, ReadyState.reconciling("waiting for ARM to finish " + id))
                            .map(Outcome.pollAfter(pollDelay(running.retryAfter())));
                }
                if (state instanceof OperationState.Failed failed) {
                    LOG.info("{}: ARM operation failed: {} {}", log, failed.error().code(), failed.error().message());
                    return clearToken().compose(v -> armError(failed.error()));
                }
                if (state instanceof OperationState.PollFailed pollFailed) {
                    return armError(pollFailed.error()); // the token stays: poll again after the backoff
                }
                // the token goes only once the result is read and recorded: an instance that dies during the final
                // GET leaves it, and the next one polls the finished operation instead of sending the PUT again
                // the operation may have been started for an older spec: read(id, spec) sends the current one
                return read(id, spec).compose(outcome -> outcome instanceof Outcome.PollAfter
                        || outcome instanceof Outcome.Retry ? Future.succeededFuture(outcome)
                        : clearToken().map(outcome));
            });
        }

        /**
         * GET the resource after a write and mirror it; Ready=True when ARM says it succeeded. With {@code spec}
         * (after resuming an operation, which may have been started for an older generation: the spec can change
         * while it runs) Ready is claimed only if Azure has that spec; otherwise it is sent now.
         */
        private Future<Outcome> read(ArmId id, JsonObject spec) {
            return client.get(id, kind.apiVersion(), Priority.USER).compose(r -> {
                boolean resumed = spec != null;
                if (resumed && r.status() == 404) {
                    // the operation ended without leaving the resource (a create that failed, an expired record)
                    LOG.info("{}: the ARM operation ended but {} is not in Azure; sending the spec again", log, id);
                    return clearToken().compose(v -> put(id, spec));
                }
                if (!r.ok()) {
                    return armError(r.error()); // the token stays: the operation's result is still to be read
                }
                String state = r.body().getJsonObject("properties", new JsonObject())
                        .getString("provisioningState", "Succeeded");
                if (OperationState.provisioningFailed(r.body())) {
                    // the operation is over: its token goes, so the retry sends the spec again
                    return (resumed ? clearToken() : Future.<Void>succeededFuture()).compose(v -> armError(
                            new CloudError(200, "ProvisioningState" + state, id + " has provisioningState " + state)));
                }
                if (OperationState.RUNNING.contains(state.toLowerCase(java.util.Locale.ROOT))) {
                    return status(r.body(), ReadyState.reconciling(id + " is " + state))
                            .map(Outcome.pollAfter(DEFAULT_POLL));
                }
                if (spec != null) {
                    DriftReport report = Drift.compare(ArmBodies.fromSpec(kind, spec), r.body(), kind.armType());
                    if (report.drifted()) {
                        LOG.info("{}: the operation finished, but the spec changed while it ran ({}); sending "
                                + "generation {}", log, report.summary(), generation);
                        return put(id, spec);
                    }
                }
                LOG.info("{}: in sync with {}", log, id);
                return succeeded(id, r.body(), true);
            });
        }

        /** Azure has the resource as wanted: write the exports, then Ready (or why the exports failed). */
        private Future<Outcome> succeeded(ArmId id, JsonObject armBody, boolean refreshActions) {
            return exported(id, ArmBodies.toStatus(armBody), refreshActions, armBody);
        }

        private Future<Outcome> exported(ArmId id, JsonObject statusMirror, boolean refreshActions,
                                         JsonObject armBody) {
            var written = exporter.export(client, kind, resource(), exports, id, statusMirror, refreshActions);
            return written.compose(problem -> {
                if (problem.isEmpty()) {
                    if (!wrote) {
                        return status(armBody, ReadyState.succeeded()).map(Outcome.inSync());
                    }
                    return hooks.finishTurn().compose(turn -> {
                        events.normal(resource(), "Reconciled", "created or updated " + id + " in Azure");
                        return status(armBody, ReadyState.succeeded()).map(Outcome.inSync());
                    });
                }
                Exporter.Problem p = problem.get();
                if (p.armError() != null) {
                    return armError(p.armError());
                }
                // Secrets and ConfigMaps are not watched: retry (the backoff decides when) so that the resource
                // recovers once the object in the way goes or the write goes through; after a failed export the
                // status keeps what the exports were last made from, so the retry still sees a key rotation
                LOG.info("{}: {}: {}; retrying", log, p.reason(), p.message());
                boolean failed = Exporter.FAILED.equals(p.reason());
                if (failed) {
                    events.warning(resource(), p.reason(), p.message());
                }
                JsonObject mirror = armBody == null ? null : failed
                        ? Exporter.keepingChangeMarks(kind, Resources.status(resource()), statusMirror) : statusMirror;
                return writes.statusMirroring(mirror, ReadyState.warning(p.reason(), p.message()))
                        .map(Outcome.retry(p.reason()));
            });
        }

        // --- delete -----------------------------------------------------------------------------------

        private Future<Outcome> delete(PolicyResolver.Resolved policy) {
            if (!Resources.hasFinalizer(resource())) {
                return Future.succeededFuture(Outcome.forget());
            }
            if (!policy.valid()) {
                return fail(ReadyState.error(ReadyState.FAILED, policy.problem()
                        + "; not deleting until the policy is valid"));
            }
            Optional<ArmId> id = toDelete(policy);
            if (id.isEmpty()) {
                LOG.info("{}: releasing (policy {}{}); Azure left alone", log, policy.policy().value(),
                        policy.policy().deletesInAzure() ? ", never created" : "");
                return releaseFinalizer();
            }
            Optional<String> token = Resources.annotation(resource(), Annotations.POLLER_RESUME_TOKEN);
            if (token.isPresent() && arm.isOnEndpoint(token.get())) {
                return client.poll(id.get().subscriptionId(), token.get(), Priority.USER).compose(r -> {
                    OperationState state = OperationState.of(r, DEFAULT_POLL);
                    if (state instanceof OperationState.Running running) {
                        return status(null, ReadyState.deleting("waiting for ARM to finish an operation on "
                                + id.get())).map(Outcome.pollAfter(pollDelay(running.retryAfter())));
                    }
                    if (state instanceof OperationState.Failed failed) {
                        // show why; the backoff decides when the DELETE is tried again
                        return clearToken().compose(v -> armError(failed.error()));
                    }
                    if (state instanceof OperationState.PollFailed pollFailed) {
                        return armError(pollFailed.error()); // the token stays: poll again after the backoff
                    }
                    // whatever the operation was, read Azure to know whether the resource is still there
                    return clearToken().compose(v -> client.get(id.get(), kind.apiVersion(), Priority.USER))
                            .compose(g -> g.status() == 404 ? deletedInAzure(id.get()) : sendDelete(id.get()));
                });
            }
            return sendDelete(id.get());
        }

        /**
         * What deleting the resource deletes in Azure: nothing when its policy leaves Azure alone or it was never
         * claimed.
         */
        private Optional<ArmId> toDelete(PolicyResolver.Resolved policy) {
            return policy.policy().deletesInAzure()
                    ? Resources.annotation(resource(), Annotations.RESOURCE_ID).flatMap(ArmId::tryParse)
                    : Optional.empty();
        }

        private Future<Outcome> sendDelete(ArmId id) {
            LOG.info("{}: DELETE {}", log, id);
            // a retry keeps showing why the last attempt failed until this one ends
            boolean lastFailed = Conditions.find(Resources.status(resource()).getJsonArray("conditions"),
                            Condition.READY)
                    .map(c -> c.severity() == Condition.Severity.Warning || c.severity() == Condition.Severity.Error)
                    .orElse(false);
            return (lastFailed ? Future.<Void>succeededFuture() : status(null, ReadyState.deleting("deleting " + id)))
                    .compose(v -> client.delete(id, kind.apiVersion(), Priority.USER))
                    .compose(r -> {
                        if (r.status() == 404 || r.status() == 204 || r.status() == 200) {
                            return deletedInAzure(id);
                        }
                        if (r.status() == 202 || r.status() == 201) {
                            Optional<String> operation = r.operationUrl().filter(arm::isOnEndpoint);
                            return startedOperation(operation.orElse(selfUrl(id)), r);
                        }
                        return armError(r.error());
                    });
        }

        /** Gone from Azure, at once or when its long-running DELETE ended. */
        private Future<Outcome> deletedInAzure(ArmId id) {
            events.normal(resource(), "Deleted", "deleted " + id + " in Azure");
            return releaseFinalizer();
        }

        private Future<Outcome> releaseFinalizer() {
            LOG.info("{}: deleted; removing finalizer", log);
            return writes.releaseFinalizer().map(Outcome.forget());
        }

        // --- status -----------------------------------------------------------------------------------

        /**
         * An ARM error: fatal ones wait for a spec change, others back off and retry. A deletion has no spec change
         * to wait for, so it always retries (a fatal error still shows as severity Error): an NSG or subnet still
         * in use, say, can be deleted once what uses it is gone.
         */
        private Future<Outcome> armError(CloudError error) {
            boolean fatal = ErrorClassifier.isFatal(error);
            boolean deleting = Resources.deleting(resource());
            LOG.info("{}: ARM error {} (HTTP {}, {}): {}", log, error.code(), error.httpStatus(),
                    fatal && !deleting ? "fatal, not retrying until the spec changes" : "retrying", error.message());
            events.warning(resource(), error.code(), error.message());
            if (fatal && !deleting) {
                return status(null, ReadyState.error(error.code(), error.message()))
                        .map(Outcome.waitForChange(error.code()));
            }
            String message = deleting ? "deleting: " + error.message() : error.message();
            ReadyState state = fatal ? ReadyState.error(error.code(), message)
                    : ReadyState.warning(error.code(), message);
            return status(null, state).map(Outcome.retry(error.code()));
        }

        /**
         * Azure could not be read to check a resource in sync (throttled, unavailable, no answer): nothing says it
         * drifted, so Ready stays as it is and no PUT follows; the backoff times another check.
         */
        private Future<Outcome> checkFailed(CloudError error) {
            LOG.info("{}: cannot check for drift: {} (HTTP {}): {}; checking again later", log, error.code(),
                    error.httpStatus(), error.message());
            events.warning(resource(), error.code(), "cannot check for drift: " + error.message());
            return Future.succeededFuture(Outcome.recheck(error.code()));
        }

        private Future<Outcome> fail(ReadyState state) {
            LOG.info("{}: {}: {}", log, state.reason(), state.message());
            events.warning(resource(), state.reason(), state.message());
            return status(null, state).map(Outcome.waitForChange(state.reason()));
        }

        private Future<Void> status(JsonObject armBody, ReadyState state) {
            return writes.status(armBody, state);
        }

        private Future<Void> clearToken() {
            return writes.clearToken();
        }

        /** The latest copy of the resource. */
        private GenericKubernetesResource resource() {
            return writes.current();
        }

        Future<Outcome> onFailure(Throwable t) {
            if (t instanceof KubernetesClientException k && k.getCode() == 409) {
                // usually a newer version is on its way and its event re-runs this sooner; but a 409 can come
                // with no event to follow (a status-only change by someone else is not forwarded, the API
                // server may refuse spuriously): a retry makes sure the resource is not left waiting forever
                LOG.debug("{}: conflict writing the resource; retrying", log);
                return Future.succeededFuture(Outcome.retry("Conflict"));
            }
            if (t instanceof KubernetesClientException k && k.getCode() == 404) {
                return Future.succeededFuture(Outcome.forget());
            }
            if (t instanceof NotLeaderException) {
                // not ours to act on (standby or stopping): the leader will; write nothing
                LOG.debug("{}: {}", log, t.getMessage());
                return Future.succeededFuture(Outcome.retry("NotLeader"));
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            LOG.warn("{}: reconcile failed: {}", log, message);
            if (t instanceof KubernetesClientException) {
                return Future.succeededFuture(Outcome.retry("KubernetesError"));
            }
            CloudError transport = CloudError.transport(message);
            if (checking) {
                return checkFailed(transport);
            }
            events.warning(resource(), transport.code(), transport.message());
            return status(null, ReadyState.warning(transport.code(), transport.message()))
                    .map(Outcome.retry(transport.code()))
                    .otherwise(Outcome.retry(transport.code()));
        }
    }

    private static OwnerReference ownerReference(GenericKubernetesResource owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(true).build();
    }

    private static Duration pollDelay(Duration retryAfter) {
        return retryAfter.compareTo(MIN_POLL) < 0 ? MIN_POLL : retryAfter;
    }
}
