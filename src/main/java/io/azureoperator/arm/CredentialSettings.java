package io.azureoperator.arm;

import io.azureoperator.config.OperatorConfig;
import java.util.Locale;

/**
 * Azure credential settings for the operator.
 *
 * <p>{@code clientSecret} is nullable: without it, {@link Credentials#create} falls back to
 * {@code DefaultAzureCredential} (workload identity, managed identity, environment, ...).
 * {@code authorityHost} and {@code audience} default to the public cloud when null or blank.
 *
 * <p>{@link #toString()} redacts the client secret.
 */
public record CredentialSettings(
        String subscriptionId,
        String tenantId,
        String clientId,
        String clientSecret,
        String authorityHost,
        String audience) {

    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com/";
    public static final String DEFAULT_AUDIENCE = "https://management.azure.com/";

    public CredentialSettings {
        subscriptionId = blankToNull(subscriptionId);
        tenantId = blankToNull(tenantId);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        authorityHost = blankToNull(authorityHost) == null ? DEFAULT_AUTHORITY_HOST : authorityHost.trim();
        audience = blankToNull(audience) == null ? DEFAULT_AUDIENCE : audience.trim();
    }

    /** The global credential, as configured (AZURE_* keys from the conf file and the environment). */
    public static CredentialSettings from(OperatorConfig config) {
        return new CredentialSettings(config.subscriptionId(), config.tenantId(), config.clientId(),
                config.clientSecret(), config.authorityHost(), config.audience());
    }

    /** Public-cloud authority host and audience. */
    public static CredentialSettings of(String subscriptionId, String tenantId, String clientId, String clientSecret) {
        return new CredentialSettings(subscriptionId, tenantId, clientId, clientSecret, null, null);
    }

    /**
     * The OAuth scope to request: {@code <audience>/.default}, e.g.
     * {@code https://management.azure.com/.default}. Always derived from the audience, never from the ARM endpoint.
     */
    public String scope() {
        return (audience.endsWith("/") ? audience : audience + "/") + ".default";
    }

    /** True when tenant, client id and client secret are all present (service principal with secret). */
    public boolean hasClientSecret() {
        return tenantId != null && clientId != null && clientSecret != null;
    }

    /** True when the authority host is the public cloud's {@value #DEFAULT_AUTHORITY_HOST}. */
    public boolean isPublicCloudAuthority() {
        return normalizeHost(authorityHost).equals(normalizeHost(DEFAULT_AUTHORITY_HOST));
    }

    @Override
    public String toString() {
        return "CredentialSettings[subscriptionId=" + subscriptionId
                + ", tenantId=" + tenantId
                + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "null" : "***")
                + ", authorityHost=" + authorityHost
                + ", audience=" + audience + "]";
    }

    private static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
