package io.azureoperator.bench;

import io.azureoperator.Operator;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.budget.Capacity;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.ConfigException;
import io.azureoperator.config.Durations;
import io.azureoperator.config.OperatorConfig;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.kube.Resources;
import io.azureoperator.local.InMemoryKubernetes;
import io.azureoperator.model.Condition;
import io.azureoperator.model.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * {@code java -jar azure-operator.jar bench [--resources N] [--hour 36s]}: the budget and drift detection
 * against the ARM emulator with a time-scaled budget (one hour of ARM limits lasts {@code --hour}), N resource
 * groups, in-process (in-memory Kubernetes API server, emulator, operator). Prints one table.
 */
public final class BudgetBenchmark {
    private static final String SUB = "00000000-0000-0000-0000-0000000000be";

    private final int n;
    private final Duration hour;
    private final Duration syncPeriod;
    private final PrintStream out;
    private final Vertx vertx = Vertx.vertx();
    private final KindRegistry kinds = KindRegistry.builtIn();
    private final KindDescriptor rgKind;
    private InMemoryKubernetes kube;
    private ArmEmulator emulator;
    private final List<String[]> rows = new ArrayList<>();

    private BudgetBenchmark(int n, Duration hour, PrintStream out) {
        this.n = n;
        this.hour = hour;
        this.syncPeriod = hour.dividedBy(4); // 15m of a scaled hour
        this.out = out;
        this.rgKind = kinds.find("resources.azure.com", "ResourceGroup").orElseThrow();
    }

    public static int run(List<String> args, PrintStream out) {
        int n = 3000;
        // long enough that the budget, not the in-process mock API server (~35 new resources/s here), is
        // what a burst waits for
        Duration hour = Duration.ofSeconds(36);
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!flag.equals("--resources") && !flag.equals("--hour")) {
                out.println("usage: bench [--resources N] [--hour 36s]");
                return 2;
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException(flag + ": needs a value; usage: bench [--resources N] [--hour 36s]");
            }
            String value = args.get(++i);
            try {
                if (flag.equals("--resources")) {
                    n = Integer.parseInt(value.trim());
                    if (n < 1) {
                        throw new IllegalArgumentException("must be at least 1");
                    }
                } else {
                    hour = Durations.parse(value);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(flag + ": '" + value + "': " + e.getMessage());
            }
        }
        BudgetBenchmark b = new BudgetBenchmark(n, hour, out);
        try {
            b.runAll();
            return 0;
        } finally {
            b.close();
        }
    }

    private void runAll() {
        out.printf("bench: %d resource groups; 1h of ARM budget = %s; sync period 15m = %s%n", n,
                Durations.format(hour), Durations.format(syncPeriod));
        kube = InMemoryKubernetes.start(vertx, kinds);
        emulator = new ArmEmulator(vertx);
        emulator.setRetryAfterSeconds(0);
        emulator.setPageSize(1000);
        await(emulator.start(0));
        emulator.setLimits(1200, 12000, 15000, hour);

        // 1. a burst of N new resources, get mode
        Operator op = start("get", "1200", "12000");
        long t0 = System.currentTimeMillis();
        createAll();
        double created = (System.currentTimeMillis() - t0) / 1000.0;
        awaitAllReady(Duration.ofSeconds((long) Math.max(120, 4 * minimumSeconds(n, 1200))));
        long end = System.currentTimeMillis();
        long firstWrite = emulator.requests().stream().filter(BudgetBenchmark::isWrite)
                .mapToLong(RecordedRequest::receivedAt).min().orElse(t0);
        double converged = (end - firstWrite) / 1000.0;
        long[] writeTimes = emulator.requests().stream().filter(BudgetBenchmark::isWrite)
                .mapToLong(RecordedRequest::receivedAt).sorted().toArray();
        StringBuilder windows = new StringBuilder();
        for (int w = 0; w * 1200 < writeTimes.length; w++) {
            int last = Math.min(writeTimes.length, (w + 1) * 1200) - 1;
            windows.append(String.format(Locale.ROOT, " [%.1f-%.1f s]", (writeTimes[w * 1200] - firstWrite) / 1000.0,
                    (writeTimes[last] - firstWrite) / 1000.0));
        }
        out.println("  writes per 1200, first to last, from the first PUT:" + windows);
        double minimum = minimumSeconds(n, 1200);
        row("burst of " + n + " new resources: first PUT to all Ready", String.format(Locale.ROOT, "%.1f s", converged),
                String.format(Locale.ROOT, "budget minimum %.1f s (%s); applying the %d CRs took %.1f s, first "
                                + "apply to all Ready %.1f s", minimum,
                        minimum == 0 ? "fits in one window" : String.format(Locale.ROOT, "%+.1f%%",
                                100 * (converged - minimum) / minimum), n, created, (end - t0) / 1000.0));

        // 2. idle fleet, get mode
        Phase idle = new Phase(op);
        sleep(syncPeriod.multipliedBy(2));
        idle.end();
        row("idle fleet, get mode: PUTs per resource per sync", idle.putsPerSync(), "target 0; " + idle.syncs()
                + " syncs run, " + idle.gets() + " GETs; achieved sync period " + idle.achievedPeriod("GET"));

        // 3. restart with an in-sync fleet: the schedule continues, no burst of syncs or GETs
        stop(op);
        op = start("get", "1200", "12000");
        Phase restarted = new Phase(op);
        sleep(syncPeriod);
        restarted.end();
        row("PUTs in the first sync period after a restart", Long.toString(restarted.puts()), "target 0; "
                + restarted.gets() + " GETs for " + n + " resources in one sync period (at most one sync each expected;"
                + " a restart burst would show more)");

        // 4. idle fleet, list mode
        stop(op);
        op = start("list", "1200", "12000");
        Phase list = new Phase(op);
        sleep(syncPeriod.multipliedBy(2));
        list.end();
        row("idle fleet, list mode: PUTs per resource per sync", list.putsPerSync(), "target 0; " + list.syncs()
                + " syncs run, " + list.listPages() + " LIST pages, " + list.gets() + " GETs");

        // 5. idle fleet, put mode (ASO's behaviour): long enough for one budget-capped round through the fleet
        stop(op);
        op = start("put", "1200", "12000");
        Phase put = new Phase(op);
        long round = hour.toMillis() * n / 1200; // the write budget's pace through the fleet
        sleep(syncPeriod.multipliedBy(2).plusMillis(round));
        put.end();
        row("idle fleet, put mode (ASO): PUTs per resource per sync", put.putsPerSync(), put.syncs()
                + " syncs run; capped by 1200 writes/h: achieved sync period " + put.achievedPeriod("PUT")
                + " (emulator log), reported " + effective(op) + ", configured " + Durations.format(syncPeriod));
        stop(op);

        // 6. list mode at the equivalent of 30,000 resources: budgets scaled by N/30,000
        int writes = Math.max(1, 1200 * n / 30_000);
        int readsLimit = Math.max(1, 12_000 * n / 30_000);
        sleep(hour.plusSeconds(5)); // a fresh window (and the ledger's skew margin) for the scaled limits
        emulator.setLimits(writes, readsLimit, 15000, hour);
        long since = System.currentTimeMillis();
        op = start("list", Integer.toString(writes), Integer.toString(readsLimit));
        Phase scaled = new Phase(op);
        sleep(syncPeriod);
        List<String> drifted = drift(10);
        long d0 = System.currentTimeMillis();
        boolean corrected = awaitCondition(() -> drifted.stream().allMatch(this::corrected),
                syncPeriod.multipliedBy(3));
        String took = corrected ? String.format(Locale.ROOT, "%.1f s", (System.currentTimeMillis() - d0) / 1000.0)
                : "not within 3 periods";
        sleep(syncPeriod);
        scaled.end();
        row("30,000-equivalent in list mode (" + writes + " writes, " + readsLimit + " reads per hour): drift "
                + "of 10 resources corrected in", took, "achieved sync period " + scaled.achievedBySyncs()
                + " (" + scaled.syncs() + " syncs in " + seconds(scaled.millis()) + "), a LIST every "
                + scaled.listEvery() + " (emulator log); max reads in a window "
                + maxInWindow(r -> r.method().equals("GET"), since) + "/" + readsLimit + ", writes "
                + maxInWindow(BudgetBenchmark::isWrite, since) + "/" + writes);
        stop(op);

        row("max writes in any 1h window (full-budget phases)", Long.toString(maxInWindow(BudgetBenchmark::isWrite,
                0, since)), "limit 1200");
        row("429s received", Long.toString(emulator.throttledCount()), "counted by the emulator; target 0");
        print();
    }

    /**
     * One phase's requests (from the emulator's log) and periodic syncs (from the operator): what PUTs per sync and
     * the achieved sync period are divided by is counted, not assumed.
     */
    private final class Phase {
        private final Operator op;
        private final long from = System.currentTimeMillis();
        private final long syncsBefore;
        private long to = -1;
        private long syncs;

        Phase(Operator op) {
            this.op = op;
            this.syncsBefore = op.periodicSyncs();
        }

        void end() {
            to = System.currentTimeMillis();
            syncs = op.periodicSyncs() - syncsBefore;
        }

        long millis() {
            return to - from;
        }

        private List<RecordedRequest> requests(Predicate<RecordedRequest> which) {
            return emulator.requests().stream().filter(r -> r.receivedAt() >= from && r.receivedAt() < to)
                    .filter(which).toList();
        }

        long puts() {
            return requests(r -> r.method().equals("PUT")).size();
        }

        /** GETs of a single resource group (a get-mode sync reads one). */
        long gets() {
            return requests(r -> r.method().equals("GET") && isResource(r)).size();
        }

        /** Pages of the resource-group LIST (list mode). */
        long listPages() {
            return requests(r -> r.method().equals("GET")
                    && r.path().toLowerCase(Locale.ROOT).endsWith("/resourcegroups")).size();
        }

        long syncs() {
            return syncs;
        }

        String putsPerSync() {
            return syncs == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", (double) puts() / syncs);
        }

        /**
         * The median time between two {@code method} requests to the same resource group in the emulator's log;
         * when no resource got two, the fleet's round time (N resources / requests per second).
         */
        String achievedPeriod(String method) {
            Map<String, List<Long>> byResource = new HashMap<>();
            for (RecordedRequest r : requests(r -> r.method().equals(method) && isResource(r))) {
                byResource.computeIfAbsent(r.path().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(r.receivedAt());
            }
            List<Long> gaps = new ArrayList<>();
            byResource.values().forEach(times -> {
                List<Long> sorted = times.stream().sorted().toList();
                for (int i = 1; i < sorted.size(); i++) {
                    gaps.add(sorted.get(i) - sorted.get(i - 1));
                }
            });
            if (gaps.isEmpty()) {
                long count = byResource.values().stream().mapToLong(List::size).sum();
                return count == 0 ? "n/a" : seconds(millis() * n / count) + " (round time)";
            }
            gaps.sort(Long::compare);
            return seconds(gaps.get(gaps.size() / 2)) + " (median of " + gaps.size() + ")";
        }

        /** List mode sends no request per resource: the fleet's round time from the syncs the operator ran. */
        String achievedBySyncs() {
            return syncs == 0 ? "n/a" : seconds(millis() * n / syncs);
        }

        /** How often the resource groups were LISTed: LIST pages over the pages one LIST takes. */
        String listEvery() {
            long pagesPerList = (n + Capacity.LIST_PAGE_SIZE - 1) / Capacity.LIST_PAGE_SIZE;
            long lists = listPages() / Math.max(1, pagesPerList);
            return lists == 0 ? "n/a" : seconds(millis() / lists);
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private Operator start(String mode, String writes, String reads) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AZURE_SUBSCRIPTION_ID", SUB,
                "AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl(),
                "AZURE_SYNC_PERIOD", Durations.format(syncPeriod),
                "DRIFT_DETECTION", mode,
                "ARM_WRITE_LIMIT", writes + "/" + Durations.format(hour),
                "ARM_READ_LIMIT", reads + "/" + Durations.format(hour),
                "MAX_CONCURRENT_RECONCILES", "64",
                "RETRY_BASE_DELAY", "500ms",
                "RETRY_MAX_DELAY", "5s"));
        OperatorConfig config = ConfigLoader.load(Path.of("does-not-exist.json"), false, env);
        Operator op = await(Operator.start(vertx, config, kube.newOperatorClient(vertx, config, kinds), TokenSource.fixed("bench"),
                kinds));
        runningOperator = op;
        return op;
    }

    private Operator runningOperator;

    private void createAll() {
        KubernetesClient user = kube.newClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "bench-rg-%05d", i);
            done.add(pool.submit(() -> user.genericKubernetesResources(rgKind.context()).inNamespace("bench")
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion(rgKind.apiGroupVersion())
                            .withKind(rgKind.kind()).withNewMetadata().withName(name).withNamespace("bench")
                            .endMetadata().addToAdditionalProperties("spec", Map.of("location", "westeurope",
                                    "tags", Map.of("bench", "yes"))).build()).create()));
        }
        for (var f : done) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
    }

    private void awaitAllReady(Duration max) {
        if (!awaitCondition(() -> readyCount() >= n, max)) {
            throw new IllegalStateException("only " + readyCount() + " of " + n + " Ready after " + max);
        }
    }

    private long readyCount() {
        return runningOperator.cache(rgKind).map(c -> c.all().stream().filter(r -> Conditions.find(
                Resources.status(r).getJsonArray("conditions"), Condition.READY).map(Condition::isTrue)
                .orElse(false)).count()).orElse(0L);
    }

    private List<String> drift(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "/subscriptions/" + SUB + "/resourceGroups/" + String.format(Locale.ROOT, "bench-rg-%05d",
                    i * (n / count));
            JsonObject rg = emulator.resource(id).orElseThrow().copy();
            rg.put("tags", new JsonObject().put("bench", "drifted"));
            emulator.seed(id, rg);
            ids.add(id);
        }
        return ids;
    }

    private boolean corrected(String id) {
        return emulator.resource(id).map(r -> "yes".equals(r.getJsonObject("tags", new JsonObject())
                .getString("bench"))).orElse(false);
    }

    private String effective(Operator op) {
        return op.effectiveSyncPeriod(SUB).map(d -> seconds(d.toMillis())).orElse("n/a");
    }

    private void stop(Operator op) {
        await(op.stop());
    }

    /** A request to one resource group (not the LIST of them). */
    private static boolean isResource(RecordedRequest r) {
        return r.path().toLowerCase(Locale.ROOT).contains("/resourcegroups/bench-rg-");
    }

    private static boolean isWrite(RecordedRequest r) {
        return r.method().equals("PUT") || r.method().equals("POST") || r.method().equals("PATCH");
    }

    private long maxInWindow(Predicate<RecordedRequest> which, long from) {
        return maxInWindow(which, from, Long.MAX_VALUE);
    }

    /** The most requests of a kind that arrived in any sliding window of one (scaled) hour. */
    private long maxInWindow(Predicate<RecordedRequest> which, long from, long to) {
        long[] times = emulator.requests().stream().filter(which)
                .mapToLong(RecordedRequest::receivedAt).filter(t -> t >= from && t < to).sorted().toArray();
        long best = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= hour.toMillis()) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    /** Seconds N writes need at {@code limit} per window: the last batch goes out when its window opens. */
    private double minimumSeconds(int writes, int limit) {
        return Math.floorDiv(writes - 1, limit) * (double) hour.toSeconds();
    }

    private boolean awaitCondition(java.util.function.BooleanSupplier c, Duration max) {
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (c.getAsBoolean()) {
                return true;
            }
            sleep(Duration.ofMillis(200));
        }
        return c.getAsBoolean();
    }

    private void row(String what, String value, String note) {
        rows.add(new String[] {what, value, note});
        out.printf("  %s: %s (%s)%n", what, value, note);
        out.flush();
    }

    private void print() {
        out.println();
        out.printf("%-86s %-12s %s%n", "measure", "value", "reference");
        for (String[] r : rows) {
            out.printf("%-86s %-12s %s%n", r[0], r[1], r[2]);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    private void close() {
        try {
            if (emulator != null) {
                await(emulator.stop());
            }
        } finally {
            if (kube != null) {
                kube.close();
            }
            vertx.close();
        }
    }
}
