package io.azureoperator;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.budget.BudgetVerticle;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.kinds.ArmIdResolver;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kinds.References;
import io.azureoperator.kube.CrStore;
import io.azureoperator.kube.InformerBridge;
import io.azureoperator.kube.NamespacePolicies;
import io.azureoperator.kube.ResourceCache;
import io.azureoperator.config.DriftDetection;
import io.azureoperator.credentials.Credential;
import io.azureoperator.credentials.CredentialResolver;
import io.azureoperator.kube.EventRecorder;
import io.azureoperator.reconcile.Backoff;
import io.azureoperator.reconcile.ListSnapshots;
import io.azureoperator.reconcile.Exporter;
import io.azureoperator.reconcile.KindVerticle;
import io.azureoperator.reconcile.PolicyResolver;
import io.azureoperator.reconcile.Reconciler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: budget, ARM client, informers and one verticle per kind, wired together.
 * Start order makes sure no event is lost: verticles are deployed before informers start.
 */
public final class Operator {
    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

    private final Vertx vertx;
    private final OperatorConfig config;
    private final ArmClient arm;
    private final BudgetVerticle budget;
    private final Map<KindDescriptor, ResourceCache> caches;
    private final List<SharedIndexInformer<?>> informers;
    private final List<String> deployments;
    private final WorkerExecutor kubeIo;
    private final WebClient web;

    private Operator(Vertx vertx, OperatorConfig config, ArmClient arm, BudgetVerticle budget,
                     Map<KindDescriptor, ResourceCache> caches, List<SharedIndexInformer<?>> informers,
                     List<String> deployments, WorkerExecutor kubeIo, WebClient web) {
        this.vertx = vertx;
        this.config = config;
        this.arm = arm;
        this.budget = budget;
        this.caches = caches;
        this.informers = informers;
        this.deployments = deployments;
        this.kubeIo = kubeIo;
        this.web = web;
    }

    public static Future<Operator> start(Vertx vertx, OperatorConfig config, KubernetesClient client,
                                         TokenSource tokens, KindRegistry kinds) {
        BudgetVerticle budget = new BudgetVerticle(config);
        List<String> deployments = new ArrayList<>();
        WorkerExecutor kubeIo = vertx.createSharedWorkerExecutor("kube-io", 8);
        WebClient web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout(10_000));
        ArmClient arm = new ArmClient(web, config.armEndpoint(), tokens, budget.budget());
        CrStore store = new CrStore(client, kubeIo);

        List<SharedIndexInformer<?>> informers = new ArrayList<>();
        NamespacePolicies namespaces = new NamespacePolicies(client.namespaces().runnableInformer(0), vertx.eventBus());
        informers.add(namespaces.informer());

        Map<KindDescriptor, ResourceCache> caches = new LinkedHashMap<>();
        for (KindDescriptor kind : kinds.all()) {
            List<SharedIndexInformer<GenericKubernetesResource>> kindInformers = new ArrayList<>();
            var resources = client.genericKubernetesResources(kind.context());
            if (config.targetNamespaces().isEmpty()) {
                kindInformers.add(resources.inAnyNamespace().runnableInformer(0));
            } else {
                config.targetNamespaces().forEach(ns -> kindInformers.add(resources.inNamespace(ns).runnableInformer(0)));
            }
            InformerBridge bridge = new InformerBridge(vertx.eventBus(), kind);
            kindInformers.forEach(i -> i.addEventHandler(bridge));
            informers.addAll(kindInformers);
            caches.put(kind, new ResourceCache(kindInformers));
        }
        java.util.function.BiFunction<KindDescriptor, io.azureoperator.kube.ResourceKey,
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
        EventRecorder events = new EventRecorder(client, kubeIo, Clock.systemUTC());
        PolicyResolver policies = new PolicyResolver(namespaces::policy, config.defaultReconcilePolicy());

        Future<?> chain = vertx.deployVerticle(budget).onSuccess(deployments::add);
        for (KindDescriptor kind : kinds.all()) {
            ResourceCache cache = caches.get(kind);
            ListSnapshots lists = config.driftDetection() == DriftDetection.LIST
                    ? new ListSnapshots(kind, listMaxAge(config), Clock.systemUTC()) : null;
            Reconciler reconciler = new Reconciler(kind, cache, ids, references, exporter, policies, store, arm,
                    events, credentials, config.driftDetection(), lists, Clock.systemUTC());
            KindVerticle verticle = new KindVerticle(kind, reconciler, cache,
                    new Backoff(config.retryBaseDelay(), config.retryMaxDelay()), config.maxConcurrentReconciles(),
                    config.syncPeriod());
            chain = chain.compose(v -> vertx.deployVerticle(verticle)).onSuccess(deployments::add);
        }
        return chain
                .compose(v -> Future.all(informers.stream()
                        .map(i -> Future.fromCompletionStage(i.start())).toList()))
                .map(v -> {
                    LOG.info("operator started: {} kinds, ARM at {}, {}", kinds.all().size(), config.armEndpoint(),
                            config);
                    return new Operator(vertx, config, arm, budget, caches, informers, deployments, kubeIo, web);
                });
    }

    /** A LIST snapshot serves the syncs of a quarter of the sync period (at most 5 minutes). */
    static java.time.Duration listMaxAge(OperatorConfig config) {
        java.time.Duration quarter = config.syncPeriod().orElse(java.time.Duration.ofHours(1)).dividedBy(4);
        return quarter.compareTo(java.time.Duration.ofMinutes(5)) > 0 ? java.time.Duration.ofMinutes(5) : quarter;
    }

    public ArmClient arm() {
        return arm;
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

    public Optional<ResourceCache> cache(KindDescriptor kind) {
        return Optional.ofNullable(caches.get(kind));
    }

    /** Stops informers first (no new work), then the verticles. */
    public Future<Void> stop() {
        informers.forEach(SharedIndexInformer::stop);
        Future<?> chain = Future.succeededFuture();
        for (String id : deployments) {
            chain = chain.compose(v -> vertx.undeploy(id)).recover(t -> Future.succeededFuture());
        }
        return chain.eventually(() -> {
            web.close();
            return kubeIo.close();
        }).mapEmpty();
    }
}
