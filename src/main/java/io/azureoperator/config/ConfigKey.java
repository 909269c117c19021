package io.azureoperator.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key the operator accepts. The conf JSON uses the same names as the
 * environment variables (SPEC §2), so one name means one setting wherever it is written.
 */
public enum ConfigKey {
    AZURE_SUBSCRIPTION_ID(""),
    AZURE_TENANT_ID(""),
    AZURE_CLIENT_ID(""),
    AZURE_CLIENT_SECRET(""),
    AZURE_RESOURCE_MANAGER_ENDPOINT("https://management.azure.com"),
    AZURE_AUTHORITY_HOST("https://login.microsoftonline.com/"),
    AZURE_RESOURCE_MANAGER_AUDIENCE("https://management.azure.com/"),
    AZURE_SYNC_PERIOD("1h"),
    AZURE_TARGET_NAMESPACES(""),
    DEFAULT_RECONCILE_POLICY("manage"),
    MAX_CONCURRENT_RECONCILES("16"),
    ARM_WRITE_LIMIT("1200/1h"),
    ARM_READ_LIMIT("12000/1h"),
    ARM_DELETE_LIMIT("15000/1h"),
    DRIFT_DETECTION("get"),
    HTTP_PORT("8080"),
    POD_NAMESPACE("default"),
    LEADER_ELECTION("false"),
    /** Upper bound of the retry backoff for retryable failures. */
    RETRY_MAX_DELAY("5m"),
    /** First retry delay; doubles per consecutive failure up to RETRY_MAX_DELAY. */
    RETRY_BASE_DELAY("5s");

    private final String defaultValue;

    ConfigKey(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** True for keys whose values must never be printed. */
    public boolean secret() {
        return this == AZURE_CLIENT_SECRET;
    }

    public static Optional<ConfigKey> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
