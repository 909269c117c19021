package io.azureoperator.budget;

import io.azureoperator.config.ConfigException;
import io.azureoperator.config.DriftDetection;
import io.azureoperator.config.Durations;
import io.azureoperator.config.OperatorConfig;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code capacity [--sync-period 15m[,1h,...]] [--mode put|get|list] [--drift 1%] [--scopes N]}: prints the most
 * resources the configured budgets keep in sync, per mode and sync period (see {@link Capacity}).
 */
public final class CapacityCommand {
    static final String USAGE = "capacity [--sync-period 15m[,1h,24h]] [--mode put|get|list] [--drift 1%] [--scopes N]";

    private CapacityCommand() {
    }

    public static int run(List<String> args, OperatorConfig config, PrintStream out) {
        List<Duration> periods = new ArrayList<>();
        List<DriftDetection> modes = new ArrayList<>(List.of(DriftDetection.values()));
        BigDecimal drift = new BigDecimal("0.01");
        int scopes = 1;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new ConfigException(flag + ": needs a value; usage: " + USAGE);
            }
            String value = args.get(++i);
            try {
                switch (flag) {
                    case "--sync-period" -> {
                        for (String p : value.split(",")) {
                            periods.add(Durations.parse(p));
                        }
                    }
                    case "--mode" -> modes = List.of(DriftDetection.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                    case "--drift" -> drift = percent(value);
                    case "--scopes" -> {
                        scopes = Integer.parseInt(value.trim());
                        if (scopes < 1) {
                            throw new IllegalArgumentException("must be at least 1");
                        }
                    }
                    default -> throw new ConfigException("capacity: unknown option '" + flag + "'; usage: " + USAGE);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(flag + ": '" + value + "': " + e.getMessage());
            }
        }
        if (periods.isEmpty()) {
            periods = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24));
        }
        out.printf("ARM budget per subscription: writes %s, reads %s, deletes %s%n", config.writeLimit(),
                config.readLimit(), config.deleteLimit());
        out.printf("per resource and sync: put 1 write; get 1 read + drift writes; list 1 read per LIST page of %d"
                + " per (type, scope), LISTed again every quarter period (at most every %s), + drift writes;"
                + " drift %s, %d (type, scope) pair(s)%n", Capacity.LIST_PAGE_SIZE,
                Durations.format(DriftDetection.MAX_LIST_SNAPSHOT_AGE),
                drift.movePointRight(2).stripTrailingZeros().toPlainString() + "%", scopes);
        out.printf("%-12s %-5s %15s  %s%n", "sync period", "mode", "max resources", "limited by");
        for (Duration period : periods) {
            for (DriftDetection mode : modes) {
                Capacity.Result r = Capacity.max(mode, period, config.writeLimit(), config.readLimit(), drift, scopes);
                out.printf(Locale.US, "%-12s %-5s %,15d  %s%n", Durations.format(period),
                        mode.name().toLowerCase(Locale.ROOT), r.maxResources(),
                        r.limitedBy() == RequestClass.WRITE ? "writes" : "reads");
            }
        }
        return 0;
    }

    /** {@code 1%} or {@code 0.01}. */
    static BigDecimal percent(String text) {
        String t = text.trim();
        BigDecimal v = t.endsWith("%") ? new BigDecimal(t.substring(0, t.length() - 1).trim()).movePointLeft(2)
                : new BigDecimal(t);
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("drift must be between 0% and 100%");
        }
        return v;
    }
}
