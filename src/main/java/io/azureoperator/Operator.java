package io.azureoperator;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.budget.BudgetStats;
import io.azureoperator.budget.BudgetVerticle;
import io.azureoperator.metrics.OperatorMetrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.azureoperator.budget.KubernetesSpentLedger;
import io.azureoperator.kube.TrimmedItemStore;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.ArmIdResolver;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kinds.References;
import io.azureoperator.kube.CrStore;
import io.azureoperator.kube.EventAddresses;
import io.azureoperator.kube.ResourceKey;
import io.azureoperator.lead.ElectionSettings;
import io.azureoperator.lead.Fence;
import io.azureoperator.lead.LeaderElection;
import io.azureoperator.lead.Leadership;
import io.azureoperator.lead.NotLeaderException;
import io.azureoperator.kube.InformerBridge;
import io.azureoperator.kube.NamespacePolicies;
import io.azureoperator.kube.OwnWrites;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.config.DriftDetection;
import io.azureoperator.credentials.Credential;
import io.azureoperator.credentials.CredentialResolver;
import io.azureoperator.kube.DependencyListeners;
import io.azureoperator.kube.EventRecorder;
import io.azureoperator.reconcile.Backoff;
import io.azureoperator.reconcile.ListSnapshots;
import io.azureoperator.reconcile.SyncSchedule;
import io.azureoperator.budget.SyncPeriods;
import io.azureoperator.reconcile.Exporter;
import io.azureoperator.reconcile.KindVerticle;
import io.azureoperator.reconcile.KindWorkers;
import io.azureoperator.reconcile.PolicyResolver;
import io.azureoperator.reconcile.Reconciler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: budget, ARM client, informers and one verticle per kind, wired together.
 *
 * <p>Without leader election the instance leads from the start, and the kind verticles are deployed before
 * the informers start, so no event is lost. The Namespace informer syncs before the kinds' informers start, so
 * a resource's first run knows its Namespace's reconcile-policy. With leader election (LEADER_ELECTION=true) the
 * informers run on every replica (caches stay warm) but the kind verticles are deployed only while this replica holds
 * the Lease: on taking it, every resource in the caches is queued once; on losing it the ARM gate closes
 * at once ({@link Leadership}) and the verticles are undeployed. A standby sends no ARM request and writes
 * nothing to Kubernetes.
 *
 * <p>{@link #stop()} is graceful: the ARM gate closes (no new request), informers and verticles stop,
 * requests already on the wire and the reconciles that sent them finish (bounded by the drain timeout),
 * so a long-running operation's poller-resume-token is on the resource before the lease is released.
 */
public final class Operator {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
    private static final long DRAIN_POLL_MILLIS = 50;
    /** Upper bound of the ARM connection pool (see {@link #armConnections}). */
    static final int MAX_ARM_CONNECTIONS = 256;

    private final Vertx vertx;
    private final OperatorConfig config;
    private final ArmClient arm;
    private final BudgetVerticle budget;
    private final Map<KindDescriptor, ResourceCache> caches;
    private final List<SharedIndexInformer<?>> informers;
    private final List<String> deployments;
    private final WorkerExecutor kubeIo;
    private final WebClient web;
    private final Leadership leadership;
    private final ElectionSettings election;
    private final KindWorkers workers;
    /** Serialises leadership transitions and the stop sequence. */
    private final Context control;
    private volatile LeaderElection elector;
    private volatile WorkerExecutor electorIo;
    private Future<Void> transitions = Future.succeededFuture();
    private volatile Future<Void> stopped;
    private final OperatorMetrics metrics;
    private final SyncPeriods periods;
    private long metricsTimer = -1;
    private long periodsTimer = -1;

    private Operator(Vertx vertx, OperatorConfig config, ArmClient arm, BudgetVerticle budget,
                     Map<KindDescriptor, ResourceCache> caches, List<SharedIndexInformer<?>> informers,
                     List<String> deployments, WorkerExecutor kubeIo, WebClient web, Leadership leadership,
                     ElectionSettings election, KindWorkers workers, Context control, OperatorMetrics metrics,
                     SyncPeriods periods) {
        this.metrics = metrics;
        this.periods = periods;
        this.vertx = vertx;
        this.config = config;
        this.arm = arm;
        this.budget = budget;
        this.caches = caches;
        this.informers = informers;
        this.deployments = deployments;
        this.kubeIo = kubeIo;
        this.web = web;
        this.leadership = leadership;
        this.election = election;
        this.workers = workers;
        this.control = control;
    }

    /** Starts with the production election settings (identity: HOSTNAME, else a random UUID). */
    public static Future<Operator> start(Vertx vertx, OperatorConfig config, KubernetesClient client,
                                         TokenSource tokens, KindRegistry kinds) {
        return start(vertx, config, client, tokens, kinds, ElectionSettings.defaults(config.podNamespace(),
                ElectionSettings.defaultIdentity(System.getenv())));
    }

    /** {@code election} is used only when the config has LEADER_ELECTION=true (its drain timeout always). */
    public static Future<Operator> start(Vertx vertx, OperatorConfig config, KubernetesClient client,
                                         TokenSource tokens, KindRegistry kinds, ElectionSettings election) {
        Leadership leadership = config.leaderElection() ? Leadership.elected(election.identity())
                : Leadership.always(election.identity());
        List<String> deployments = new ArrayList<>();
        WorkerExecutor kubeIo = vertx.createSharedWorkerExecutor("kube-io", 8);
        // what was spent outlives the process: a ConfigMap per subscription in the operator's namespace
        BudgetVerticle budget = new BudgetVerticle(config,
                new KubernetesSpentLedger(client, config.podNamespace(), blockingOn(kubeIo)));
        WebClient web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(
                        armConnections(config.maxConcurrentReconciles(), kinds.all().size())));
        OperatorMetrics metrics = new OperatorMetrics();
        ArmClient arm = new ArmClient(web, config.armEndpoint(), tokens, budget.budget(), leadership, metrics);
        CrStore store = new CrStore(client);

        List<SharedIndexInformer<?>> informers = new ArrayList<>();
        NamespacePolicies namespaces = new NamespacePolicies(client.namespaces().runnableInformer(0), vertx.eventBus());
        namespaces.informer().exceptionHandler(keepWatching("Namespace"));
        informers.add(namespaces.informer());

        Map<KindDescriptor, ResourceCache> caches = new LinkedHashMap<>();
        Map<KindDescriptor, List<SharedIndexInformer<GenericKubernetesResource>>> byKind = new LinkedHashMap<>();
        Map<KindDescriptor, OwnWrites> ownWrites = new LinkedHashMap<>();
        DependencyListeners dependents = new DependencyListeners();
        for (KindDescriptor kind : kinds.all()) {
            List<SharedIndexInformer<GenericKubernetesResource>> kindInformers = new ArrayList<>();
            var resources = client.genericKubernetesResources(kind.context());
            if (config.targetNamespaces().isEmpty()) {
                kindInformers.add(resources.inAnyNamespace().runnableInformer(0).itemStore(new TrimmedItemStore()));
            } else {
                config.targetNamespaces().forEach(ns -> kindInformers.add(resources.inNamespace(ns).runnableInformer(0)
                        .itemStore(new TrimmedItemStore())));
            }
            OwnWrites written = new OwnWrites();
            InformerBridge bridge = new InformerBridge(vertx.eventBus(), kind, written, dependents);
            kindInformers.forEach(i -> i.addEventHandler(bridge));
            ownWrites.put(kind, written);
            kindInformers.forEach(i -> i.exceptionHandler(keepWatching(kind.kind())));
            informers.addAll(kindInformers);
            caches.put(kind, new ResourceCache(kindInformers));
            byKind.put(kind, kindInformers);
        }
        java.util.function.BiFunction<KindDescriptor, ResourceKey,
                Optional<GenericKubernetesResource>> lookup = (kind, key) ->
                Optional.ofNullable(caches.get(kind)).flatMap(cache -> cache.get(key));
        ArmIdResolver ids = new ArmIdResolver(kinds, lookup);
        References references = new References(kinds, lookup);
        Exporter exporter = new Exporter(client, kubeIo);
        Credential global = config.subscriptionId().isBlank() ? null
                : new Credential("global", config.subscriptionId(), tokens);
        CredentialResolver credentials = new CredentialResolver(client, kubeIo, vertx,
                vertx.createSharedWorkerExecutor("azure-identity", 2), global, config.authorityHost(),
                config.audience(), Clock.systemUTC());
        EventRecorder events = new EventRecorder(client, Clock.systemUTC());
        PolicyResolver policies = new PolicyResolver(namespaces::policy, config.defaultReconcilePolicy());

        // one Reconciler and KindVerticle per kind and leadership term, seeing the caches through the term's fence
        Optional<SyncSchedule> syncs = config.syncPeriod().map(SyncSchedule::new);
        SyncPeriods periods = new SyncPeriods(config.syncPeriod());
        Map<KindDescriptor, java.util.function.Function<Fence, KindVerticle>> factories = new LinkedHashMap<>();
        for (KindDescriptor kind : kinds.all()) {
            factories.put(kind, fence -> {
                ResourceCache cache = fence.cache(byKind.get(kind));
                ListSnapshots lists = config.driftDetection() == DriftDetection.LIST
                        ? new ListSnapshots(kind, listMaxAge(config), Clock.systemUTC()) : null;
                Reconciler reconciler = new Reconciler(kind, cache, ids, references, exporter, policies, store, arm,
                        events, credentials, config.driftDetection(), lists, ownWrites.get(kind), syncs,
                        Clock.systemUTC());
                return new KindVerticle(kind, reconciler, cache, ownWrites.get(kind),
                        new Backoff(config.retryBaseDelay(), config.retryMaxDelay()), config.maxConcurrentReconciles(),
                        syncs, periods, metrics, dependents);
            });
        }
        KindWorkers workers = new KindWorkers(vertx, factories, caches);
        Context control = vertx.getOrCreateContext();

        Future<?> chain = vertx.deployVerticle(budget).onSuccess(deployments::add);
        if (!config.leaderElection()) {
            chain = chain.compose(v -> workers.deploy());
        }
        // the Namespaces first: a resource's policy may come from its Namespace, and a run that found no
        // Namespace in the cache would act under DEFAULT_RECONCILE_POLICY (a PUT in a skip namespace)
        return chain
                .compose(v -> Future.fromCompletionStage(namespaces.informer().start()))
                .compose(v -> Future.all(informers.stream().filter(i -> i != namespaces.informer())
                        .map(i -> Future.fromCompletionStage(i.start())).toList()))
                .map(v -> {
                    Operator operator = new Operator(vertx, config, arm, budget, caches, informers, deployments,
                            kubeIo, web, leadership, election, workers, control, metrics, periods);
                    operator.exportBudgetMetrics();
                    if (config.leaderElection()) {
                        operator.elect(client);
                    }
                    LOG.info("operator started: {} kinds, ARM at {}, {}, {}", kinds.all().size(),
                            config.armEndpoint(), leadership, config);
                    return operator;
                });
    }

    /**
     * Once an informer has started, a failed list or watch is always tried again (fabric8 backs off). fabric8's
     * default gives up on a watch that ends with an error other than 410 Gone (an event it cannot read, a protocol
     * error), which would leave a kind deaf for good while the process looks healthy. Before the start completes a
     * failure still fails the start: the operator stops with that error (e.g. a CRD not installed).
     */
    private static ExceptionHandler keepWatching(String kind) {
        return (started, failure) -> {
            if (started) {
                LOG.warn("{} informer: list or watch failed ({}); trying again", kind, failure.toString());
            }
            return started;
        };
    }

    /**
     * Connections to ARM: one per reconcile that may be in flight (each has at most one ARM request on the wire),
     * so a granted request never queues behind others for a connection; at least Vert.x's default 5, at most
     * {@value #MAX_ARM_CONNECTIONS}.
     */
    static int armConnections(int maxConcurrentReconciles, int kinds) {
        long wanted = (long) maxConcurrentReconciles * kinds;
        return (int) Math.max(5, Math.min(MAX_ARM_CONNECTIONS, wanted));
    }

    /** A LIST snapshot's lifetime ({@link DriftDetection#listSnapshotAge}; 1h when re-sync is off). */
    static java.time.Duration listMaxAge(OperatorConfig config) {
        return DriftDetection.listSnapshotAge(config.syncPeriod().orElse(java.time.Duration.ofHours(1)));
    }

    /** Leader election: verticles follow the lease; fabric8's callbacks only flip {@link Leadership}. */
    private void elect(KubernetesClient client) {
        leadership.addListener(new Leadership.Listener() {
            @Override
            public void acquired() {
                control.runOnContext(v -> followLeadership());
            }

            @Override
            public void lost() {
                control.runOnContext(v -> followLeadership());
            }
        });
        // its own workers: renewals must not queue behind the ledger, the exports and credential reads on kube-io
        // (a renewal late past the deadline keeps a cut-off leader's gate open)
        electorIo = vertx.createSharedWorkerExecutor("leader-election", 2);
        elector = new LeaderElection(client, election, leadership, blockingOn(electorIo));
        elector.start();
    }

    /** On the control context: deploy or undeploy the kind verticles to match the current role. */
    private void followLeadership() {
        transitions = transitions.compose(x -> {
            if (stopped != null) {
                return Future.succeededFuture();
            }
            if (leadership.leading() && !workers.deployed()) {
                // reconciles of an earlier term still running must end before a new term starts
                return drained(System.currentTimeMillis() + election.drainTimeout().toMillis())
                        .compose(d -> budget.newTerm()) // what the previous leader spent, as the ledger has it now
                        .compose(d -> leadership.leading() ? workers.deploy() : Future.succeededFuture(0))
                        .onSuccess(n -> {
                    if (!workers.deployed()) {
                        return;
                    }
                    int queued = workers.enqueueAll();
                    LOG.info("leading: {} kinds reconciling, {} resources queued", workers.count(), queued);
                    vertx.eventBus().publish(EventAddresses.LEADER_ACQUIRED, leadership.identity());
                }).mapEmpty();
            }
            if (!leadership.leading() && workers.deployed()) {
                NotLeaderException refusal = leadership.refusal(); // null if the lease came back meanwhile
                Future<Integer> refused = refusal == null ? Future.succeededFuture(0) : budget.refuseWaiting(refusal);
                return refused.compose(n -> workers.undeploy()).onComplete(ar -> {
                    LOG.info("standby: kind verticles stopped");
                    vertx.eventBus().publish(EventAddresses.LEADER_LOST, leadership.identity());
                });
            }
            return Future.succeededFuture();
        }).recover(t -> {
            LOG.error("leadership transition failed: {}", t.toString());
            return Future.succeededFuture();
        });
    }

    public ArmClient arm() {
        return arm;
    }

    /** The budget of every subscription seen, as of at most a second ago. */
    public List<BudgetStats> budgetStats() {
        return budget.lastStats();
    }

    /**
     * How often periodic re-syncs of the subscription really come round (measured by {@link SyncPeriods}); the
     * configured period while nothing was measured; empty when re-sync is off.
     */
    public Optional<java.time.Duration> effectiveSyncPeriod(String subscriptionId) {
        return config.syncPeriod().flatMap(configured -> periods.effective(subscriptionId).or(() -> Optional.of(
                configured)));
    }

    /** Periodic syncs that came round since this instance started (see {@link SyncPeriods}). */
    public long periodicSyncs() {
        return periods.syncs();
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    /** Budget gauges per subscription and class, refreshed from the budget's snapshot every few seconds. */
    private void exportBudgetMetrics() {
        MultiGauge tokensLeft = metrics.multiGauge("azure_operator_budget_tokens_left",
                "ARM requests still allowed now in the sliding window");
        MultiGauge waiting = metrics.multiGauge("azure_operator_budget_requests_waiting",
                "ARM requests waiting for a grant");
        MultiGauge effective = metrics.multiGauge("azure_operator_effective_sync_period_seconds",
                "How often periodic re-syncs really come round (longer than AZURE_SYNC_PERIOD when overloaded)");
        periodsTimer = vertx.setPeriodic(1000, id -> periods.refresh(System.currentTimeMillis()));
        metricsTimer = vertx.setPeriodic(0, 5000, id -> {
            List<BudgetStats> stats = budget.lastStats();
            tokensLeft.register(stats.stream().map(s -> MultiGauge.Row.of(Tags.of("subscription", s.subscriptionId(),
                    "class", s.requestClass().name().toLowerCase()), s.tokensLeft())).toList(), true);
            waiting.register(stats.stream().map(s -> MultiGauge.Row.of(Tags.of("subscription", s.subscriptionId(),
                    "class", s.requestClass().name().toLowerCase()), s.waiting())).toList(), true);
            effective.register(java.util.stream.Stream.concat(stats.stream().map(BudgetStats::subscriptionId),
                            periods.effective().keySet().stream()).distinct()
                    .flatMap(sub -> effectiveSyncPeriod(sub).stream().map(d ->
                            MultiGauge.Row.of(Tags.of("subscription", sub), d.toMillis() / 1000.0)))
                    .toList(), true);
        });
    }

    public OperatorConfig config() {
        return config;
    }

    public Map<KindDescriptor, ResourceCache> caches() {
        return caches;
    }

    public int requestsWaiting() {
        return budget.waiting();
    }

    public boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Whether this instance leads, stands by, or is stopping; and its ARM gate. */
    public Leadership leadership() {
        return leadership;
    }

    /** For /readyz: {@code leading} or {@code standby} (or {@code stopping}). */
    public String role() {
        return leadership.role().name().toLowerCase(java.util.Locale.ROOT);
    }

    public Optional<ResourceCache> cache(KindDescriptor kind) {
        return Optional.ofNullable(caches.get(kind));
    }

    /**
     * Graceful stop: the ARM gate closes (no new request leaves), informers and kind verticles stop, then
     * it waits (at most the drain timeout) for ARM requests on the wire and the reconciles that sent them,
     * so their results (poller-resume-token, status) are written; only then is the lease released and the
     * rest closed. Nothing clears the poller-resume-token on the way. Idempotent.
     */
    public synchronized Future<Void> stop() {
        if (stopped != null) {
            return stopped;
        }
        Promise<Void> done = Promise.promise();
        stopped = done.future();
        vertx.cancelTimer(metricsTimer);
        vertx.cancelTimer(periodsTimer);
        leadership.stopping();
        LOG.info("stopping: no new ARM requests; {} in flight", leadership.inFlight());
        budget.refuseWaiting(leadership.refusal());
        informers.forEach(SharedIndexInformer::stop);
        control.runOnContext(v -> {
            Future<Void> chain = transitions.compose(x -> workers.undeploy())
                    .recover(t -> Future.succeededFuture())
                    .compose(x -> drained(System.currentTimeMillis() + election.drainTimeout().toMillis()))
                    .compose(x -> releaseLease());
            for (String id : deployments) {
                chain = chain.compose(x -> vertx.undeploy(id)).recover(t -> Future.succeededFuture());
            }
            chain.eventually(() -> {
                web.close();
                return kubeIo.close();
            }).onComplete(ar -> {
                LOG.info("stopped");
                done.complete();
            });
        });
        return stopped;
    }

    /** Completes when no ARM request is on the wire and no reconcile runs, or at the deadline. */
    private Future<Void> drained(long deadline) {
        Promise<Void> p = Promise.promise();
        checkDrained(deadline, p);
        return p.future();
    }

    private void checkDrained(long deadline, Promise<Void> p) {
        int arm = leadership.inFlight();
        int reconciles = workers.depth();
        if (arm == 0 && reconciles == 0) {
            p.complete();
        } else if (System.currentTimeMillis() >= deadline) {
            LOG.warn("stopping: drain timeout; {} ARM requests and {} reconciles still in flight", arm, reconciles);
            p.complete();
        } else {
            vertx.setTimer(DRAIN_POLL_MILLIS, id -> checkDrained(deadline, p));
        }
    }

    private Future<Void> releaseLease() {
        if (elector == null) {
            return Future.succeededFuture();
        }
        return electorIo.executeBlocking(() -> {
            elector.stop();
            return null;
        }, false).recover(t -> {
            LOG.warn("stopping: lease not released: {}", t.toString());
            return Future.succeededFuture();
        }).eventually(electorIo::close).mapEmpty();
    }

    /** {@code workers} as an {@link Executor}, for fabric8 code that blocks (unordered: tasks may run at once). */
    private static Executor blockingOn(WorkerExecutor workers) {
        return task -> workers.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }
}
