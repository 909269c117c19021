package io.azureoperator.budget;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@link SpentLedger} in a ConfigMap {@code azure-operator-budget-<subscription>} in the operator's namespace
 * (POD_NAMESPACE): key {@value #KEY}, one {@link Reservation#encode() reservation} a line. Every call runs on
 * {@code executor} (the kube-io worker pool; never the event loop). Writes carry the last seen
 * resourceVersion; on a conflict (another writer: a second replica without leader election, or an operator
 * restarted while the old one still ran) it reads the ConfigMap again, keeps the other writer's reservations
 * next to its own, and tries again; the budget counts those as spent.
 */
public final class KubernetesSpentLedger implements SpentLedger {
    static final String KEY = "reservations";
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;
    private final Executor executor;
    private final Map<String, String> resourceVersions = new ConcurrentHashMap<>();
    private final Map<String, Set<Reservation>> lastWritten = new ConcurrentHashMap<>();

    /** {@code executor}: where the ledger's Kubernetes calls, which block, run (the operator's kube-io workers). */
    public KubernetesSpentLedger(KubernetesClient client, String namespace, Executor executor) {
        this.client = client;
        this.namespace = namespace;
        this.executor = executor;
    }

    public static String configMapName(String subscriptionId) {
        return "azure-operator-budget-" + subscriptionId.toLowerCase(Locale.ROOT);
    }

    @Override
    public CompletionStage<List<Reservation>> load(String subscriptionId) {
        return CompletableFuture.supplyAsync(() -> {
            List<Reservation> stored = read(subscriptionId);
            lastWritten.put(subscriptionId, new HashSet<>(stored));
            return stored;
        }, executor);
    }

    @Override
    public CompletionStage<List<Reservation>> store(String subscriptionId, List<Reservation> reservations) {
        return CompletableFuture.supplyAsync(() -> write(subscriptionId, List.copyOf(reservations)), executor);
    }

    private List<Reservation> write(String subscriptionId, List<Reservation> ours) {
        List<Reservation> records = ours;
        for (int attempt = 1; ; attempt++) {
            String version = resourceVersions.get(subscriptionId);
            ConfigMap map = new ConfigMapBuilder()
                    .withNewMetadata().withName(configMapName(subscriptionId)).withNamespace(namespace)
                    .withResourceVersion(version)
                    .addToLabels("app.kubernetes.io/name", "azure-operator")
                    .addToLabels("app.kubernetes.io/component", "budget-ledger")
                    .endMetadata()
                    .addToData(KEY, encode(records))
                    .build();
            try {
                ConfigMap written = version == null
                        ? client.configMaps().inNamespace(namespace).resource(map).create()
                        : client.configMaps().inNamespace(namespace).resource(map).update();
                resourceVersions.put(subscriptionId, written.getMetadata().getResourceVersion());
                lastWritten.put(subscriptionId, new HashSet<>(records));
                return records;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404 || attempt >= ATTEMPTS) {
                    throw e;
                }
                // someone else wrote (or created) it: keep what they stored that we did not write ourselves; or
                // someone deleted it (404): it is created again with what this process knows
                Set<Reservation> mine = lastWritten.getOrDefault(subscriptionId, Set.of());
                List<Reservation> merged = new ArrayList<>(ours);
                for (Reservation r : read(subscriptionId)) {
                    if (!mine.contains(r) && !merged.contains(r)) {
                        merged.add(r);
                    }
                }
                records = merged;
            }
        }
    }

    /** Reads the ConfigMap, remembering its resourceVersion (null when there is none). */
    private List<Reservation> read(String subscriptionId) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMapName(subscriptionId)).get();
        if (map == null) {
            resourceVersions.remove(subscriptionId);
            return List.of();
        }
        resourceVersions.put(subscriptionId, map.getMetadata().getResourceVersion());
        String text = map.getData() == null ? null : map.getData().get(KEY);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).map(Reservation::decode).toList();
    }

    private static String encode(List<Reservation> records) {
        StringBuilder b = new StringBuilder();
        records.forEach(r -> b.append(r.encode()).append('\n'));
        return b.toString();
    }
}
