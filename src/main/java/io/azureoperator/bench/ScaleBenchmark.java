package io.azureoperator.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.azureoperator.apiserver.InMemoryApiServer;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.emulator.RecordedRequest;
import io.azureoperator.kinds.KindRegistry;
import io.azureoperator.local.InMemoryKubernetes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar azure-operator.jar bench scale [--resources 1000,10000,30000] [--applies 1000] [--heap 512m]
 * [--first-minute 60s] [--bursts 2]}: the operator in its own JVM (heap capped, measured alone) against the
 * in-memory Kubernetes API server and a zero-latency ARM emulator, both in this process, with an unlimited ARM
 * budget.
 *
 * <p>Per N resource groups: instance A starts with N new CRs and creates them all (creates/s: claim, PUT,
 * status, event), stops (SIGTERM); instance B starts on what A left, as after a restart (start → caches synced,
 * ARM requests and PUTs in its first minute), then its heap after a full GC and RSS are read, then
 * {@code --applies} new CRs are created at once, {@code --bursts} times, 2 s apart (event → PUT latency: CR
 * created in the API server → PUT received by the emulator; the first burst meets a cold JIT, later ones show the
 * JIT's steady state), then as many again as {@code kubectl apply} sends them ({@link KubectlApply}: GET and POST
 * over HTTP, one object after another); instance C runs with a 1 s sync period, so every resource is due every
 * second (syncs/s: budget grant, GET, diff), while single CRs are applied one at a time.
 */
public final class ScaleBenchmark {
    static final String SUB = "00000000-0000-0000-0000-00000000005c";
    private static final String RG_API = "resources.azure.com/v1api20200601";
    private static final String RG_PLURAL = "resourcegroups";
    private static final String UNLIMITED = "1000000000/1h";
    private static final Duration SYNC_WARM_UP = Duration.ofSeconds(5);
    private static final Duration SYNC_WINDOW = Duration.ofSeconds(10);
    private static final int SINGLE_APPLIES = 50;
    /**
     * The JIT and GC flags the Dockerfile's ENTRYPOINT gives the operator (ManifestsTest checks that they agree), so
     * the bench measures the JVM as shipped. C1 only: on two cores, C2 compiling in the background took more than
     * half of the operator's CPU during a burst, still a third after seven bursts; with C1 alone a burst costs
     * about half the CPU and reaches its PUTs twice as fast, for a few percent less peak throughput. The Tier3
     * thresholds make C1 compile a method after 10 calls instead of 200 (OSR after 2,000 loop turns instead of
     * 60,000): the first burst after a start spends about 15% less CPU interpreting and its p99 is 15-20% lower;
     * later bursts are unchanged. The parallel collector instead of G1 (which the JVM picks on two cores, and not
     * on one): 12-17% less operator CPU per apply in a burst, p99 10-15% lower.
     */
    public static final List<String> IMAGE_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1",
            "-XX:Tier3InvocationThreshold=10", "-XX:Tier3MinInvocationThreshold=5", "-XX:Tier3CompileThreshold=100",
            "-XX:Tier3BackEdgeThreshold=2000", "-XX:+UseParallelGC");

    private final List<Integer> sizes;
    private final int applies;
    private final String heap;
    private final Duration firstMinute;
    private final int concurrency;
    private final int bursts;
    private final PrintStream out;
    private final Path logs = Path.of("target", "bench");
    private final List<Row> rows = new ArrayList<>();
    /** Operator JVMs of the current measurement, killed if it fails half-way. */
    private final List<OperatorProcess> started = new ArrayList<>();

    record Row(int n, double createsPerSecond, double syncsPerSecond, double startToSyncedSeconds,
               long firstMinuteRequests, long firstMinutePuts, long heapAfterGcBytes, long rssBytes, long p50Millis,
               long p99Millis,
               long lastP50Millis, long lastP99Millis, long kubectlP50Millis, long kubectlP99Millis,
               long kubectlStoringMillis,
               long singleP50Millis, long singleP99Millis) {
    }

    private ScaleBenchmark(List<Integer> sizes, int applies, String heap, Duration firstMinute, int concurrency,
                           int bursts, PrintStream out) {
        this.sizes = sizes;
        this.applies = applies;
        this.heap = heap;
        this.firstMinute = firstMinute;
        this.concurrency = concurrency;
        this.bursts = bursts;
        this.out = out;
    }

    public static int run(List<String> args, PrintStream out) {
        List<Integer> sizes = List.of(1_000, 10_000, 30_000);
        int applies = 1_000;
        String heap = "512m";
        Duration firstMinute = Duration.ofSeconds(60);
        int concurrency = 16;
        int bursts = 2;
        try {
            for (int i = 0; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (args.get(i)) {
                    case "--resources" -> sizes = java.util.Arrays.stream(require(value, "--resources").split(","))
                            .map(s -> number(s.trim().replace("_", ""), "--resources", 1)).toList();
                    case "--applies" -> applies = number(require(value, "--applies"), "--applies", 1);
                    case "--heap" -> heap = require(value, "--heap");
                    case "--first-minute" -> firstMinute = io.azureoperator.config.Durations.parse(
                            require(value, "--first-minute"));
                    case "--concurrency" -> concurrency = number(require(value, "--concurrency"), "--concurrency", 1);
                    // the first burst meets a cold JIT: a second one is always measured
                    case "--bursts" -> bursts = number(require(value, "--bursts"), "--bursts", 2);
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage() + "; usage: bench scale [--resources 1000,10000,30000] [--applies 1000] "
                    + "[--heap 512m] [--first-minute 60s] [--concurrency 16] [--bursts 2]");
            return 2;
        }
        try {
            new ScaleBenchmark(sizes, applies, heap, firstMinute, concurrency, bursts, out).runAll();
            return 0;
        } catch (Exception e) {
            out.println("scale benchmark failed: " + e);
            return 1;
        }
    }

    private static int number(String value, String option, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least " + min + ", not " + value);
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private void runAll() throws Exception {
        Files.createDirectories(logs);
        out.printf(Locale.ROOT, "scale benchmark: operator JVM -Xmx%s %s, MAX_CONCURRENT_RECONCILES=%d, unlimited "
                + "ARM budget, zero-latency emulator, sync period 15m; operator logs in %s%n", heap,
                String.join(" ", IMAGE_JVM_FLAGS), concurrency, logs);
        if (!"1".equals(jitTierLimit())) {
            out.println("note: this JVM (the API server and the emulator, on the operator's cores) runs the C2 JIT, "
                    + "whose compiling takes CPU from the operator under test; run the bench as "
                    + "java -XX:TieredStopAtLevel=1 -jar ... bench scale (docs/performance.md)");
        }
        for (int n : sizes) {
            rows.add(measure(n));
            printTable();
        }
    }

    /** This JVM's -XX:TieredStopAtLevel (4, the default: C1 then C2; 1: C1 only). */
    private static String jitTierLimit() {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel")
                .getValue();
    }

    private Row measure(int n) throws Exception {
        Vertx vertx = Vertx.vertx();
        ArmEmulator emulator = new ArmEmulator(vertx);
        InMemoryKubernetes local = InMemoryKubernetes.start(vertx, KindRegistry.builtIn());
        InMemoryApiServer kube = local.server();
        try {
            await(emulator.start(0));
            emulator.setLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1));
            for (int i = 0; i < n; i++) {
                kube.create(resourceGroup(String.format(Locale.ROOT, "rg-%06d", i)));
            }
            out.printf(Locale.ROOT, "N=%,d: %,d ResourceGroup CRs in the API server%n", n, n);
            double creates = createAll(kube, emulator, n);
            Restart restart = restart(kube, emulator, n);
            SyncLoad load = syncLoad(kube, emulator, n);
            return new Row(n, creates, load.syncsPerSecond(), restart.startToSynced(), restart.minuteRequests(),
                    restart.minutePuts(), restart.heapAfterGc(), restart.rss(), restart.burst().p(50),
                    restart.burst().p(99), restart.last().p(50), restart.last().p(99), restart.kubectl().p(50),
                    restart.kubectl().p(99), restart.kubectl().storingMillis(), percentile(load.single(), 50),
                    percentile(load.single(), 99));
        } finally {
            started.forEach(OperatorProcess::kill);
            started.clear();
            local.close();
            emulator.stop();
            vertx.close();
        }
    }

    /** Instance A creates all N: creates per second from the first PUT to the last Ready. */
    private double createAll(InMemoryApiServer kube, ArmEmulator emulator, int n) throws Exception {
        OperatorProcess a = startOperator(kube, emulator, "n" + n + "-a", Map.of());
        a.awaitSynced(Duration.ofMinutes(5));
        long converged = awaitReady(kube, n, Duration.ofMinutes(30));
        long firstPut = emulator.requests().stream().filter(r -> r.method().equals("PUT"))
                .mapToLong(RecordedRequest::receivedAt).min().orElse(converged);
        double rate = n * 1000.0 / Math.max(1, converged - firstPut);
        a.stop();
        out.printf(Locale.ROOT, "N=%,d: instance A created them all (Ready) in %.1f s: %.0f creates/s%n", n,
                (converged - firstPut) / 1000.0, rate);
        return rate;
    }

    record Restart(double startToSynced, long minuteRequests, long minutePuts, long heapAfterGc, long rss,
                   Burst burst, Burst last, Burst kubectl) {
    }

    /**
     * One burst of applies: event → PUT latencies (sorted), and the CPU spent per apply until every one of them is
     * Ready (PUT, status and Event all done), by the operator's process and by this one (API server and emulator).
     */
    record Burst(List<Long> latencies, double operatorCpuMillis, double serverCpuMillis, long storingMillis) {
        long p(int percentile) {
            return percentile(latencies, percentile);
        }
    }

    /**
     * Instance B starts on what A left: start-up, its first minute, its memory, then {@code bursts} bursts of applies
     * (each one's figures printed as it ends) and a kubectl-paced apply of as many.
     */
    private Restart restart(InMemoryApiServer kube, ArmEmulator emulator, int n) throws Exception {
        emulator.clearRequests();
        OperatorProcess b = startOperator(kube, emulator, "n" + n + "-b", Map.of());
        long synced = b.awaitSynced(Duration.ofMinutes(5));
        sleepUntil(b.startedAt() + firstMinute.toMillis());
        List<RecordedRequest> minute = emulator.requests().stream()
                .filter(r -> r.receivedAt() <= b.startedAt() + firstMinute.toMillis()).toList();
        long heap = b.heapAfterGc();
        long rss = b.rss();
        Burst first = null;
        Burst last = null;
        for (int k = 1; k <= bursts; k++) {
            last = burst(kube, emulator, b, k == 1 ? "new" : "again" + k, kube::create);
            first = first == null ? last : first;
            out.printf(Locale.ROOT, "N=%,d: instance B, burst %d of %d: %d applies at once: event→PUT p50 %d ms, "
                    + "p99 %d ms; CPU per apply: operator %.2f ms, API server + emulator %.2f ms%n", n, k, bursts,
                    applies, last.p(50), last.p(99), last.operatorCpuMillis(), last.serverCpuMillis());
            Thread.sleep(2_000);
        }
        Restart r = new Restart((synced - b.startedAt()) / 1000.0, minute.size(),
                minute.stream().filter(q -> q.method().equals("PUT")).count(), heap, rss, first, last,
                burst(kube, emulator, b, "applied", new KubectlApply(kube.url(), RG_PLURAL)::apply));
        b.stop();
        out.printf(Locale.ROOT, "N=%,d: instance B synced in %.1f s; first %ds: %d ARM requests, %d PUTs; heap "
                        + "after GC %.1f MiB, RSS %.1f MiB; %d applied as kubectl apply sends them (GET, POST, one "
                        + "after another; stored in %.1f s): event→PUT p50 %d ms, p99 %d ms%n", n, r.startToSynced(),
                firstMinute.toSeconds(), r.minuteRequests(), r.minutePuts(), mib(r.heapAfterGc()), mib(r.rss()),
                applies, r.kubectl().storingMillis() / 1000.0, r.kubectl().p(50), r.kubectl().p(99));
        return r;
    }

    record SyncLoad(double syncsPerSecond, List<Long> single) {
    }

    /** Instance C with a 1 s sync period: every resource is due every second, more than it can do. */
    private SyncLoad syncLoad(InMemoryApiServer kube, ArmEmulator emulator, int n) throws Exception {
        OperatorProcess c = startOperator(kube, emulator, "n" + n + "-c", Map.of("AZURE_SYNC_PERIOD", "1s"));
        long synced = c.awaitSynced(Duration.ofMinutes(5));
        sleepUntil(synced + SYNC_WARM_UP.toMillis());
        long from = System.currentTimeMillis();
        sleepUntil(from + SYNC_WINDOW.toMillis());
        List<RecordedRequest> window = emulator.requests().stream()
                .filter(r -> r.receivedAt() >= from && r.receivedAt() < from + SYNC_WINDOW.toMillis()).toList();
        List<RecordedRequest> gets = window.stream().filter(r -> r.method().equals("GET")).toList();
        double syncs = gets.size() * 1000.0 / SYNC_WINDOW.toMillis();
        long puts = window.stream().filter(r -> r.method().equals("PUT")).count();
        long distinct = gets.stream().map(RecordedRequest::path).distinct().count();
        int due = kube.count(RG_API, RG_PLURAL);
        List<Long> single = singleAppliesUnderLoad(kube, emulator);
        c.stop();
        out.printf(Locale.ROOT, "N=%,d: instance C (sync period 1 s: %,d due per second): %.0f syncs/s (GET + diff)"
                + " over %,d resources, %d PUTs; one apply at a time meanwhile: event→PUT p50 %d ms, p99 %d ms%n",
                n, due, syncs, distinct, puts, percentile(single, 50), percentile(single, 99));
        return new SyncLoad(syncs, single);
    }

    /** Stores one new CR in the API server; returns when it is stored. */
    interface Apply {
        void apply(JsonObject resource) throws Exception;
    }

    /**
     * {@code applies} new CRs, one after another as fast as {@code apply} stores them (directly: all 1,000 within a
     * few ms; or as kubectl would), while {@code operator} runs. Event → PUT: from the moment each was stored.
     */
    private Burst burst(InMemoryApiServer kube, ArmEmulator emulator, OperatorProcess operator, String prefix,
                        Apply apply) throws Exception {
        Map<String, Long> created = new HashMap<>();
        emulator.clearRequests();
        long operatorCpu = operator.cpuNanos();
        long serverCpu = cpuNanos(ProcessHandle.current());
        long start = System.currentTimeMillis();
        for (int i = 0; i < applies; i++) {
            String name = String.format(Locale.ROOT, "%s-%06d", prefix, i);
            apply.apply(resourceGroup(name));
            created.put(name, System.currentTimeMillis());
        }
        long storing = System.currentTimeMillis() - start;
        List<Long> latencies = awaitPuts(emulator, created, Duration.ofMinutes(2));
        awaitReady(kube, created.keySet(), Duration.ofMinutes(2));
        return new Burst(latencies, (operator.cpuNanos() - operatorCpu) / 1e6 / applies,
                (cpuNanos(ProcessHandle.current()) - serverCpu) / 1e6 / applies, storing);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * While instance C is saturated with syncs: {@link #SINGLE_APPLIES} CRs created one at a time (each after the
     * previous one's PUT), event → PUT latencies sorted.
     */
    private static List<Long> singleAppliesUnderLoad(InMemoryApiServer kube, ArmEmulator emulator)
            throws InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < SINGLE_APPLIES; i++) {
            String name = String.format(Locale.ROOT, "single-%03d", i);
            emulator.clearRequests(); // the syncs' requests pile up fast; only this PUT is looked for
            kube.create(resourceGroup(name));
            latencies.addAll(awaitPuts(emulator, Map.of(name, System.currentTimeMillis()), Duration.ofSeconds(30)));
            Thread.sleep(20);
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    private static JsonObject resourceGroup(String name) {
        return new JsonObject().put("apiVersion", RG_API).put("kind", "ResourceGroup")
                .put("metadata", new JsonObject().put("name", name).put("namespace", "default"))
                .put("spec", new JsonObject().put("location", "westus2"));
    }

    /** Waits until the named CRs are Ready=True for their generation. */
    private static void awaitReady(InMemoryApiServer kube, java.util.Set<String> names, Duration timeout)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        java.util.Set<String> waiting = new java.util.HashSet<>(names);
        while (!waiting.isEmpty()) {
            waiting.removeIf(name -> {
                JsonObject cr = kube.get(RG_API, RG_PLURAL, "default", name);
                return cr != null && readyForGeneration(cr);
            });
            if (waiting.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(waiting.size() + " of " + names.size() + " not Ready within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until all N CRs are Ready=True for their generation; returns when. */
    private long awaitReady(InMemoryApiServer kube, int n, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            long ready = kube.list(RG_API, RG_PLURAL).stream().filter(ScaleBenchmark::readyForGeneration).count();
            if (ready >= n) {
                return System.currentTimeMillis();
            }
            if (ready != last) {
                last = ready;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + last + " of " + n + " Ready within " + timeout);
    }

    static boolean readyForGeneration(JsonObject cr) {
        long generation = cr.getJsonObject("metadata").getLong("generation", 0L);
        JsonArray conditions = cr.getJsonObject("status", new JsonObject()).getJsonArray("conditions", new JsonArray());
        for (int i = 0; i < conditions.size(); i++) {
            JsonObject c = conditions.getJsonObject(i);
            if ("Ready".equals(c.getString("type"))) {
                return "True".equals(c.getString("status")) && c.getLong("observedGeneration", -1L) == generation;
            }
        }
        return false;
    }

    /** Event → PUT latencies (sorted) of the CRs created at the given times, waiting for each one's first PUT. */
    private static List<Long> awaitPuts(ArmEmulator emulator, Map<String, Long> created, Duration timeout)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<String, Long> firstPut = new TreeMap<>();
        while (System.currentTimeMillis() < deadline && firstPut.size() < created.size()) {
            for (RecordedRequest r : emulator.requests()) {
                if (r.method().equals("PUT")) {
                    String name = r.path().substring(r.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                    if (created.containsKey(name)) {
                        firstPut.putIfAbsent(name, r.receivedAt());
                    }
                }
            }
            Thread.sleep(50);
        }
        List<Long> latencies = new ArrayList<>();
        firstPut.forEach((name, at) -> latencies.add(at - created.get(name)));
        if (latencies.size() < created.size()) {
            throw new IllegalStateException("only " + latencies.size() + " of " + created.size()
                    + " new resources reached their PUT within " + timeout);
        }
        latencies.sort(Long::compare);
        return latencies;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void printTable() {
        String count = String.format(Locale.ROOT, "%,d", applies);
        out.println();
        out.println("| resources | creates/s | syncs/s | start → synced | first minute: ARM requests / PUTs "
                + "| heap after GC | heap per resource | RSS | event→PUT p50 / p99, " + count + " at once: first burst "
                + "| burst " + bursts + " | " + count + " as kubectl apply sends them (time to store them all) "
                + "| event→PUT p50 / p99, one at a time under full sync load |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %,d | %,.0f | %,.0f | %.1f s | %,d / %d | %.0f MiB | %.1f KiB | %.0f MiB "
                            + "| %d / %d ms | %d / %d ms | %d / %d ms (%.1f s) | %d / %d ms |%n", r.n(),
                    r.createsPerSecond(),
                    r.syncsPerSecond(),
                    r.startToSyncedSeconds(), r.firstMinuteRequests(), r.firstMinutePuts(),
                    mib(r.heapAfterGcBytes()), r.heapAfterGcBytes() / 1024.0 / r.n(), mib(r.rssBytes()),
                    r.p50Millis(), r.p99Millis(), r.lastP50Millis(), r.lastP99Millis(), r.kubectlP50Millis(),
                    r.kubectlP99Millis(), r.kubectlStoringMillis() / 1000.0, r.singleP50Millis(),
                    r.singleP99Millis());
        }
        out.println();
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static void sleepUntil(long at) throws InterruptedException {
        long wait = at - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    /** Starts an operator JVM ({@link BenchOperatorProcess}) on this process's API server and emulator. */
    private OperatorProcess startOperator(InMemoryApiServer kube, ArmEmulator emulator, String name,
                                          Map<String, String> overrides) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dkubernetes.master=" + kube.url(),
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                // a bearer token, as in a pod: without one fabric8 re-reads its whole configuration per request
                "-Dkubernetes.auth.token=bench-operator",
                "-Dkubernetes.namespace=default"));
        command.addAll(IMAGE_JVM_FLAGS);
        // e.g. a profiler: BENCH_OPERATOR_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/op.jfr"
        String extra = System.getenv().getOrDefault("BENCH_OPERATOR_JAVA_OPTS", "").replace("{name}", name).trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchOperatorProcess.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("operator-" + name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("ARM_"));
        env.put("AZURE_SUBSCRIPTION_ID", SUB);
        env.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl());
        env.put("AZURE_SYNC_PERIOD", "15m");
        env.put("ARM_WRITE_LIMIT", UNLIMITED);
        env.put("ARM_READ_LIMIT", UNLIMITED);
        env.put("ARM_DELETE_LIMIT", UNLIMITED);
        env.put("MAX_CONCURRENT_RECONCILES", Integer.toString(concurrency));
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("POD_NAMESPACE", "default");
        env.put("LEADER_ELECTION", "false");
        env.putAll(overrides);
        long startedAt = System.currentTimeMillis();
        OperatorProcess process = new OperatorProcess(builder.start(), startedAt, port);
        started.add(process);
        return process;
    }

    /** One operator JVM. */
    private record OperatorProcess(Process process, long startedAt, int httpPort) {

        /** Waits for /readyz (informer caches synced); returns when. */
        long awaitSynced(Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the operator exited with " + process.exitValue());
                }
                if (readyz() == 200) {
                    return System.currentTimeMillis();
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the operator did not sync within " + timeout);
        }

        private int readyz() {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/readyz")
                        .toURL().openConnection();
                c.setConnectTimeout(200);
                c.setReadTimeout(1000);
                int code = c.getResponseCode();
                c.disconnect();
                return code;
            } catch (IOException e) {
                return -1;
            }
        }

        /** Heap in use after a full GC ({@code jcmd GC.run}, then {@code jstat -gc}: survivor + eden + old). */
        long heapAfterGc() throws IOException, InterruptedException {
            exec("jcmd", Long.toString(process.pid()), "GC.run");
            List<String> lines = exec("jstat", "-gc", Long.toString(process.pid()));
            String[] head = lines.get(0).trim().split("\\s+");
            String[] values = lines.get(1).trim().split("\\s+");
            double kib = 0;
            for (int i = 0; i < head.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
                    kib += Double.parseDouble(values[i]);
                }
            }
            return (long) (kib * 1024);
        }

        long rss() throws IOException {
            Matcher m = Pattern.compile("VmRSS:\\s+(\\d+) kB")
                    .matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        }

        long cpuNanos() {
            return ScaleBenchmark.cpuNanos(process.toHandle());
        }

        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        private static List<String> exec(String... command) throws IOException, InterruptedException {
            Path bin = Path.of(System.getProperty("java.home"), "bin", command[0]);
            List<String> args = new ArrayList<>(List.of(command));
            if (Files.isExecutable(bin)) {
                args.set(0, bin.toString());
            }
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + lines);
            }
            return lines;
        }
    }
}
