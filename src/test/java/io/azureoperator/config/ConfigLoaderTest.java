package io.azureoperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static final String SECRET = "s3cr3t-Value-never-print";

    @TempDir
    Path dir;

    private Path missing() {
        return dir.resolve("does-not-exist.json");
    }

    private Path conf(String json) throws IOException {
        Path f = dir.resolve("operator.json");
        Files.writeString(f, json);
        return f;
    }

    private static OperatorConfig loadEnv(Path file, Map<String, String> env) {
        return ConfigLoader.load(file, false, env);
    }

    @Test
    void defaultsMatchTheSpec() {
        OperatorConfig c = loadEnv(missing(), Map.of());
        assertThat(c.subscriptionId()).isEmpty();
        assertThat(c.clientSecret()).isEmpty();
        assertThat(c.armEndpoint()).isEqualTo("https://management.azure.com");
        assertThat(c.authorityHost()).isEqualTo("https://login.microsoftonline.com/");
        assertThat(c.audience()).isEqualTo("https://management.azure.com/");
        assertThat(c.syncPeriod()).contains(Duration.ofHours(1));
        assertThat(c.targetNamespaces()).isEmpty();
        assertThat(c.watchesNamespace("anything")).isTrue();
        assertThat(c.defaultReconcilePolicy()).isEqualTo(ReconcilePolicy.MANAGE);
        assertThat(c.maxConcurrentReconciles()).isEqualTo(16);
        assertThat(c.writeLimit()).isEqualTo(new RateLimit(1200, Duration.ofHours(1)));
        assertThat(c.readLimit()).isEqualTo(new RateLimit(12000, Duration.ofHours(1)));
        assertThat(c.deleteLimit()).isEqualTo(new RateLimit(15000, Duration.ofHours(1)));
        assertThat(c.driftDetection()).isEqualTo(DriftDetection.GET);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.podNamespace()).isEqualTo("default");
        assertThat(c.leaderElection()).isFalse();
    }

    @Test
    void missingRequiredFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(missing(), true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does-not-exist.json");
    }

    @Test
    void confFileIsReadThenEnvironmentOverridesIt() throws IOException {
        Path f = conf("""
                {"AZURE_SYNC_PERIOD": "15m", "HTTP_PORT": 9090, "LEADER_ELECTION": true,
                 "DRIFT_DETECTION": "list", "AZURE_TARGET_NAMESPACES": "a, b",
                 "ARM_WRITE_LIMIT": "10/1m", "DEFAULT_RECONCILE_POLICY": "skip"}
                """);
        OperatorConfig fromFile = ConfigLoader.load(f, true, Map.of());
        assertThat(fromFile.syncPeriod()).contains(Duration.ofMinutes(15));
        assertThat(fromFile.httpPort()).isEqualTo(9090);
        assertThat(fromFile.leaderElection()).isTrue();
        assertThat(fromFile.driftDetection()).isEqualTo(DriftDetection.LIST);
        assertThat(fromFile.targetNamespaces()).containsExactlyInAnyOrder("a", "b");
        assertThat(fromFile.watchesNamespace("c")).isFalse();
        assertThat(fromFile.writeLimit()).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
        assertThat(fromFile.defaultReconcilePolicy()).isEqualTo(ReconcilePolicy.SKIP);

        OperatorConfig overridden = ConfigLoader.load(f, true,
                Map.of("AZURE_SYNC_PERIOD", "never", "HTTP_PORT", "7070", "DRIFT_DETECTION", "put",
                        "DEFAULT_RECONCILE_POLICY", "detach-on-delete", "UNRELATED_ENV", "ignored"));
        assertThat(overridden.syncPeriod()).isEqualTo(Optional.empty());
        assertThat(overridden.httpPort()).isEqualTo(7070);
        assertThat(overridden.driftDetection()).isEqualTo(DriftDetection.PUT);
        assertThat(overridden.defaultReconcilePolicy()).isEqualTo(ReconcilePolicy.DETACH_ON_DELETE);
        // keys not in the environment keep the file's value
        assertThat(overridden.leaderElection()).isTrue();
        assertThat(overridden.writeLimit().requests()).isEqualTo(10);
    }

    @Test
    void unknownKeyInConfFileIsOneLineNamingTheKey() throws IOException {
        Path f = conf("{\"AZURE_SYNC_PERIOD\": \"1h\", \"ARM_WRITE_LIMT\": \"1/1s\"}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ARM_WRITE_LIMT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void nonScalarValueInConfFileNamesTheKey() throws IOException {
        Path f = conf("{\"HTTP_PORT\": {\"value\": 1}}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_PORT");
    }

    @Test
    void malformedJsonIsOneLine() throws IOException {
        Path f = conf("{\"HTTP_PORT\": 80,\n\n oops }");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AZURE_SYNC_PERIOD|forever",
            "AZURE_SYNC_PERIOD|30",
            "AZURE_SYNC_PERIOD|0s",
            "AZURE_SYNC_PERIOD|-5m",
            "AZURE_SYNC_PERIOD|Never",
            "AZURE_SYNC_PERIOD|''",
            "RETRY_BASE_DELAY|5 seconds",
            "RETRY_MAX_DELAY|never",
            "ARM_WRITE_LIMIT|1200",
            "ARM_WRITE_LIMIT|1200/",
            "ARM_WRITE_LIMIT|0/1h",
            "ARM_WRITE_LIMIT|-1/1h",
            "ARM_READ_LIMIT|x/1h",
            "ARM_READ_LIMIT|10/1h/2",
            "ARM_DELETE_LIMIT|10/0s",
            "DEFAULT_RECONCILE_POLICY|Manage",
            "DEFAULT_RECONCILE_POLICY|delete",
            "DRIFT_DETECTION|patch",
            "MAX_CONCURRENT_RECONCILES|0",
            "MAX_CONCURRENT_RECONCILES|-3",
            "MAX_CONCURRENT_RECONCILES|sixteen",
            "MAX_CONCURRENT_RECONCILES|1.5",
            "HTTP_PORT|65536",
            "HTTP_PORT|-1",
            "HTTP_PORT|http",
            "LEADER_ELECTION|yes",
            "LEADER_ELECTION|1",
            "AZURE_RESOURCE_MANAGER_ENDPOINT|management.azure.com",
            "AZURE_RESOURCE_MANAGER_ENDPOINT|ftp://management.azure.com",
            "AZURE_RESOURCE_MANAGER_ENDPOINT|http://",
            "AZURE_AUTHORITY_HOST|not a url",
            "AZURE_RESOURCE_MANAGER_AUDIENCE|''",
            "AZURE_TARGET_NAMESPACES|Default",
            "AZURE_TARGET_NAMESPACES|a,b_c",
            "AZURE_TARGET_NAMESPACES|-dash",
            "AZURE_SUBSCRIPTION_ID|my-subscription",
            "AZURE_SUBSCRIPTION_ID|00000000-0000-0000-0000-00000000000",
            "AZURE_SUBSCRIPTION_ID|../../x",
            "LOG_FORMAT|JSON",
            "LOG_FORMAT|logfmt",
            "LOG_FORMAT|''",
    })
    void badValueIsOneLineNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> loadEnv(missing(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void badValueInConfFileNamesTheKey() throws IOException {
        Path f = conf("{\"MAX_CONCURRENT_RECONCILES\": 16.5}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_CONCURRENT_RECONCILES");
    }

    @Test
    void hugeDurationIsAConfigExceptionNamingTheKey() {
        // Durations.parse overflows Duration arithmetic for such values
        assertThatThrownBy(() -> loadEnv(missing(), Map.of("AZURE_SYNC_PERIOD", "9223372036854775807h")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AZURE_SYNC_PERIOD");
    }

    @Test
    void aRetryBaseDelayAboveTheMaxDelayNamesBothKeys() {
        assertThatThrownBy(() -> loadEnv(missing(), Map.of("RETRY_BASE_DELAY", "10m", "RETRY_MAX_DELAY", "30s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("RETRY_BASE_DELAY (environment variable): bad value '10m'")
                .hasMessageContaining("greater than RETRY_MAX_DELAY (30s)");
        assertThat(loadEnv(missing(), Map.of("RETRY_BASE_DELAY", "30s", "RETRY_MAX_DELAY", "30s")).retryBaseDelay())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void valueWithLineBreakStillGivesOneLineMessage() {
        assertThatThrownBy(() -> loadEnv(missing(), Map.of("HTTP_PORT", "80\n81")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HTTP_PORT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void goodValuesParse() {
        OperatorConfig c = loadEnv(missing(), Map.ofEntries(
                Map.entry("AZURE_SYNC_PERIOD", "1h30m"),
                Map.entry("AZURE_RESOURCE_MANAGER_ENDPOINT", "http://127.0.0.1:8090"),
                Map.entry("AZURE_TARGET_NAMESPACES", " team-a ,, team-b "),
                Map.entry("MAX_CONCURRENT_RECONCILES", "1"),
                Map.entry("ARM_READ_LIMIT", "5/30s"),
                Map.entry("HTTP_PORT", "65535"),
                Map.entry("LEADER_ELECTION", "TRUE"),
                Map.entry("DRIFT_DETECTION", "PUT"),
                Map.entry("RETRY_BASE_DELAY", "500ms")));
        assertThat(c.syncPeriod()).contains(Duration.ofMinutes(90));
        assertThat(c.armEndpoint()).isEqualTo("http://127.0.0.1:8090");
        assertThat(c.targetNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(c.maxConcurrentReconciles()).isEqualTo(1);
        assertThat(c.readLimit()).isEqualTo(new RateLimit(5, Duration.ofSeconds(30)));
        assertThat(c.httpPort()).isEqualTo(65535);
        assertThat(c.leaderElection()).isTrue();
        assertThat(c.driftDetection()).isEqualTo(DriftDetection.PUT);
        assertThat(c.retryBaseDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void podNamespaceMustBeANamespaceName() {
        assertThatThrownBy(() -> loadEnv(missing(), Map.of("POD_NAMESPACE", "Bad_Namespace")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("POD_NAMESPACE");
    }

    @Test
    void secretNeverInToString() {
        OperatorConfig c = loadEnv(missing(), Map.of("AZURE_CLIENT_SECRET", SECRET, "AZURE_CLIENT_ID", "cid"));
        assertThat(c.clientSecret()).isEqualTo(SECRET);
        assertThat(c.toString()).doesNotContain(SECRET).contains("<redacted>").contains("cid");
        assertThat(c.withArmEndpoint("http://localhost:1").toString()).doesNotContain(SECRET);
    }

    @Test
    void secretNeverInErrorAboutAnotherKey() throws IOException {
        Path f = conf("{\"AZURE_CLIENT_SECRET\": \"" + SECRET + "\", \"NOPE\": 1}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> loadEnv(missing(), Map.of("AZURE_CLIENT_SECRET", SECRET, "HTTP_PORT", "x")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void secretNeverInMalformedJsonError() throws IOException {
        // a typo (missing quotes) around the secret must not echo it back through the JSON parser's message
        Path f = conf("{\"AZURE_CLIENT_SECRET\": " + SECRET + "}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void secretAsObjectNeverPrinted() throws IOException {
        Path f = conf("{\"AZURE_CLIENT_SECRET\": {\"v\": \"" + SECRET + "\"}}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AZURE_CLIENT_SECRET")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void targetNamespacesEmptyMeansAll() {
        assertThat(loadEnv(missing(), Map.of("AZURE_TARGET_NAMESPACES", " , ")).targetNamespaces())
                .isEqualTo(Set.of());
    }

    @Test
    void fromEnvReadsDefaultsAndTheEnvironmentOnly() {
        OperatorConfig c = ConfigLoader.fromEnv(Map.of("AZURE_SYNC_PERIOD", "1s", "MAX_CONCURRENT_RECONCILES", "4"));
        assertThat(c.syncPeriod()).contains(Duration.ofSeconds(1));
        assertThat(c.maxConcurrentReconciles()).isEqualTo(4);
        assertThat(c.driftDetection()).isEqualTo(DriftDetection.GET);
        assertThatThrownBy(() -> ConfigLoader.fromEnv(Map.of("MAX_CONCURRENT_RECONCILES", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_CONCURRENT_RECONCILES");
    }
}
