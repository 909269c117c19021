package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azureoperator.config.ConfigException;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.DriftDetection;
import io.azureoperator.config.RateLimit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityTest {
    private static final RateLimit WRITES = RateLimit.parse("1200/1h");
    private static final RateLimit READS = RateLimit.parse("12000/1h");
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    private static long max(DriftDetection mode, String period, BigDecimal drift, int scopes) {
        return Capacity.max(mode, Duration.ofSeconds(0).plus(io.azureoperator.config.Durations.parse(period)), WRITES,
                READS, drift, scopes).maxResources();
    }

    @Test
    void putModeReproducesTheFaqTable() {
        assertThat(max(DriftDetection.PUT, "15m", ONE_PERCENT, 1)).isEqualTo(300);
        assertThat(max(DriftDetection.PUT, "1h", ONE_PERCENT, 1)).isEqualTo(1_200);
        assertThat(max(DriftDetection.PUT, "24h", ONE_PERCENT, 1)).isEqualTo(28_800);
        assertThat(Capacity.max(DriftDetection.PUT, Duration.ofHours(1), WRITES, READS, ONE_PERCENT, 1).limitedBy())
                .isEqualTo(RequestClass.WRITE);
    }

    @Test
    void getModeIsBoundByReadsUnlessDriftIsHigh() {
        // 3,000 GETs per 15m; 1% drift needs 30 PUTs of the 300 available
        Capacity.Result r = Capacity.max(DriftDetection.GET, Duration.ofMinutes(15), WRITES, READS, ONE_PERCENT, 1);
        assertThat(r.maxResources()).isEqualTo(3_000);
        assertThat(r.limitedBy()).isEqualTo(RequestClass.READ);
        assertThat(max(DriftDetection.GET, "1h", ONE_PERCENT, 1)).isEqualTo(12_000);
        assertThat(max(DriftDetection.GET, "24h", ONE_PERCENT, 1)).isEqualTo(288_000);
        // 20% drift: 300 PUTs per 15m cover 1,500 drifted resources
        Capacity.Result high = Capacity.max(DriftDetection.GET, Duration.ofMinutes(15), WRITES, READS,
                new BigDecimal("0.2"), 1);
        assertThat(high.maxResources()).isEqualTo(1_500);
        assertThat(high.limitedBy()).isEqualTo(RequestClass.WRITE);
        // no drift: reads only
        assertThat(max(DriftDetection.GET, "15m", BigDecimal.ZERO, 1)).isEqualTo(3_000);
    }

    @Test
    void listModeCountsPagesPerScopeAndTheOperatorsSnapshotRefreshes() {
        // 3,000 reads per 15m; a snapshot lives 3m45s, so 4 LISTs per period: 750 pages each = 750,000 by reads;
        // 1% drift: 300 PUTs -> 30,000
        assertThat(max(DriftDetection.LIST, "15m", ONE_PERCENT, 1)).isEqualTo(30_000);
        assertThat(max(DriftDetection.LIST, "15m", BigDecimal.ZERO, 1)).isEqualTo(750_000);
        // 7 scopes: 428 reads each per 15m, 4 LISTs of 107 pages
        assertThat(max(DriftDetection.LIST, "15m", BigDecimal.ZERO, 7)).isEqualTo(107L * 1000 * 7);
        // fewer reads per scope than LISTs per period: nothing fits
        assertThat(max(DriftDetection.LIST, "15m", BigDecimal.ZERO, 751)).isZero();
        // 24h: a snapshot lives 5m, 288 LISTs per period; 2,880 reads per scope give 10 pages each
        Capacity.Result day = Capacity.max(DriftDetection.LIST, Duration.ofHours(24), WRITES, READS, ONE_PERCENT, 100);
        assertThat(day.maxResources()).isEqualTo(1_000_000);
        assertThat(day.limitedBy()).isEqualTo(RequestClass.READ);
    }

    @Test
    void listsPerPeriodFollowTheOperatorsSnapshotAge() {
        assertThat(DriftDetection.listSnapshotAge(Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(225));
        assertThat(DriftDetection.listSnapshotAge(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(Capacity.listsPerPeriod(Duration.ofSeconds(9))).isEqualTo(4);
        assertThat(Capacity.listsPerPeriod(Duration.ofMinutes(15))).isEqualTo(4);
        assertThat(Capacity.listsPerPeriod(Duration.ofMinutes(21))).isEqualTo(5);
        assertThat(Capacity.listsPerPeriod(Duration.ofHours(1))).isEqualTo(12);
        assertThat(Capacity.listsPerPeriod(Duration.ofHours(24))).isEqualTo(288);
    }

    @Test
    void perPeriodScalesTheBudgetAndRoundsDown() {
        assertThat(Capacity.perPeriod(RateLimit.parse("1200/1h"), Duration.ofSeconds(1))).isZero();
        assertThat(Capacity.perPeriod(RateLimit.parse("1200/1h"), Duration.ofSeconds(4))).isEqualTo(1);
        assertThat(Capacity.perPeriod(RateLimit.parse("10/1m"), Duration.ofSeconds(90))).isEqualTo(15);
    }

    @Test
    void theCommandPrintsATable() {
        String out = run(List.of("--sync-period", "15m,1h,24h", "--mode", "put"), Map.of());
        assertThat(out).contains("writes 1200/1h, reads 12000/1h, deletes 15000/1h");
        assertThat(out.lines().filter(l -> l.endsWith("writes") && l.contains(" put ")).map(String::strip).toList()).containsExactly(
                "15m          put               300  writes",
                "1h           put             1,200  writes",
                "24h          put            28,800  writes");
        String all = run(List.of("--sync-period", "15m", "--drift", "1%"), Map.of("ARM_READ_LIMIT", "2400/1h"));
        assertThat(all).contains("get               600  reads").contains("list           30,000  writes");
        assertThatThrownBy(() -> run(List.of("--mode", "watch"), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--mode");
        assertThatThrownBy(() -> run(List.of("--drift", "150%"), Map.of())).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> run(List.of("--sync-period"), Map.of())).isInstanceOf(ConfigException.class);
    }

    @Test
    void badArgumentsAreOneLineNamingTheOption() {
        assertThatThrownBy(() -> run(List.of("--scopes", "0"), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("--scopes: '0': must be at least 1");
        assertThatThrownBy(() -> io.azureoperator.bench.BudgetBenchmark.run(List.of("--resources", "lots"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--resources: 'lots'");
        assertThatThrownBy(() -> io.azureoperator.bench.BudgetBenchmark.run(List.of("--hour"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--hour: needs a value");
    }

    private static String run(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CapacityCommand.run(args, ConfigLoader.load(Path.of("no-such.json"), false, env),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
