package io.azureoperator.config;

import io.azureoperator.model.SubscriptionIds;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the conf JSON, then lets environment variables override it, and validates every value.
 * Every failure is a {@link ConfigException} with one line naming the key.
 */
public final class ConfigLoader {
    static final String LOG_FORMAT = "LOG_FORMAT";

    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> origin = new EnumMap<>(ConfigKey.class);

    private ConfigLoader() {
    }

    /**
     * @param confFile the conf JSON; a missing file is fine unless {@code required}
     * @param env the environment (only the keys of {@link ConfigKey} are read)
     */
    /** Defaults and the environment only (no conf file). */
    public static OperatorConfig fromEnv(Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader();
        loader.readEnv(env);
        return loader.build();
    }

    public static OperatorConfig load(Path confFile, boolean required, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader();
        loader.readFile(confFile, required);
        loader.readEnv(env);
        return loader.build();
    }

    private void readFile(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new ConfigException("--conf " + file + ": file not found");
            }
            return;
        }
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        } catch (DecodeException e) {
            throw new ConfigException(file + ": not a JSON object: " + firstLine(e.getMessage()));
        }
        for (String name : json.fieldNames()) {
            ConfigKey key = ConfigKey.byName(name).orElseThrow(() -> new ConfigException(oneLine(
                    file + ": unknown key '" + name + "' (known keys: "
                            + Arrays.stream(ConfigKey.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")")));
            Object v = json.getValue(name);
            if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray) {
                throw new ConfigException(file + ": key '" + name + "' must be a string, number or boolean");
            }
            values.put(key, v == null ? "" : v.toString());
            origin.put(key, file + " key");
        }
    }

    private void readEnv(Map<String, String> env) {
        checkLogFormat(env.get(LOG_FORMAT));
        for (ConfigKey key : ConfigKey.values()) {
            String v = env.get(key.name());
            if (v != null) {
                values.put(key, v);
                origin.put(key, "environment variable");
            }
        }
    }

    /**
     * Read by logback (logback.xml names the appender after it), so not a setting of the conf file; checked here
     * because any value but text or json would silently drop every log line.
     */
    private static void checkLogFormat(String value) {
        if (value != null && !value.equals("text") && !value.equals("json")) {
            throw new ConfigException(oneLine(LOG_FORMAT + " (environment variable): bad value '" + value
                    + "': not one of text, json"));
        }
    }

    private OperatorConfig build() {
        return new OperatorConfig(
                parse(ConfigKey.AZURE_SUBSCRIPTION_ID, ConfigLoader::subscriptionId),
                text(ConfigKey.AZURE_TENANT_ID),
                text(ConfigKey.AZURE_CLIENT_ID),
                text(ConfigKey.AZURE_CLIENT_SECRET),
                url(ConfigKey.AZURE_RESOURCE_MANAGER_ENDPOINT),
                url(ConfigKey.AZURE_AUTHORITY_HOST),
                url(ConfigKey.AZURE_RESOURCE_MANAGER_AUDIENCE),
                parse(ConfigKey.AZURE_SYNC_PERIOD, s -> s.equals("never") ? Optional.<Duration>empty()
                        : Optional.of(Durations.parse(s))),
                parse(ConfigKey.AZURE_TARGET_NAMESPACES, ConfigLoader::namespaces),
                parse(ConfigKey.DEFAULT_RECONCILE_POLICY, s -> ReconcilePolicy.parse(s).orElseThrow(
                        () -> new IllegalArgumentException("'" + s + "' is not one of manage, skip, detach-on-delete"))),
                parse(ConfigKey.MAX_CONCURRENT_RECONCILES, s -> positiveInt(s, 10_000)),
                parse(ConfigKey.ARM_WRITE_LIMIT, RateLimit::parse),
                parse(ConfigKey.ARM_READ_LIMIT, RateLimit::parse),
                parse(ConfigKey.ARM_DELETE_LIMIT, RateLimit::parse),
                parse(ConfigKey.DRIFT_DETECTION, ConfigLoader::drift),
                parse(ConfigKey.HTTP_PORT, s -> port(s)),
                parse(ConfigKey.POD_NAMESPACE, ConfigLoader::namespace),
                parse(ConfigKey.LEADER_ELECTION, ConfigLoader::bool),
                retryBaseDelay(),
                parse(ConfigKey.RETRY_MAX_DELAY, Durations::parse));
    }

    /** The first delay must not exceed the cap, or every retry would wait the cap: likely the two were swapped. */
    private Duration retryBaseDelay() {
        Duration max = parse(ConfigKey.RETRY_MAX_DELAY, Durations::parse);
        return parse(ConfigKey.RETRY_BASE_DELAY, s -> {
            Duration base = Durations.parse(s);
            if (base.compareTo(max) > 0) {
                throw new IllegalArgumentException("greater than RETRY_MAX_DELAY (" + Durations.format(max) + ")");
            }
            return base;
        });
    }

    private String text(ConfigKey key) {
        return values.getOrDefault(key, key.defaultValue()).trim();
    }

    private <T> T parse(ConfigKey key, Function<String, T> parser) {
        String raw = text(key);
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            String where = origin.getOrDefault(key, "default of");
            String shown = key.secret() ? "<redacted>" : "'" + raw + "'";
            throw new ConfigException(oneLine(key.name() + " (" + where + "): bad value " + shown + ": " + e.getMessage()));
        }
    }

    private String url(ConfigKey key) {
        return parse(key, s -> {
            URI uri;
            try {
                uri = URI.create(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return s;
        });
    }

    /** Empty (no global credential: local mode, or only per-namespace credentials) or a GUID. */
    private static String subscriptionId(String s) {
        if (!s.isEmpty() && !SubscriptionIds.valid(s)) {
            throw new IllegalArgumentException("not a subscription ID (" + SubscriptionIds.EXPECTED + ")");
        }
        return s;
    }

    private static String namespace(String ns) {
        if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("'" + ns + "' is not a namespace name");
        }
        return ns;
    }

    private static Set<String> namespaces(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            String ns = part.trim();
            if (ns.isEmpty()) {
                continue;
            }
            out.add(namespace(ns));
        }
        return Set.copyOf(out);
    }

    private static int positiveInt(String s, int max) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1 || n > max) {
                throw new IllegalArgumentException("must be between 1 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static int port(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > 65535) {
                throw new IllegalArgumentException("must be a port number 0-65535");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number");
        }
    }

    private static DriftDetection drift(String s) {
        try {
            return DriftDetection.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not one of put, get, list");
        }
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /** Control characters (line breaks from a value) escaped, so the message stays on one line. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
