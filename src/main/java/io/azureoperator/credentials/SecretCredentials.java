package io.azureoperator.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.azureoperator.arm.CredentialSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the azure-identity credential a credential Secret describes (ASO's keys): client secret
 * ({@code AZURE_CLIENT_SECRET}), client certificate ({@code AZURE_CLIENT_CERTIFICATE} PEM, optional
 * {@code AZURE_CLIENT_CERTIFICATE_PASSWORD}), workload identity ({@code AUTH_MODE=workloadidentity} or
 * {@code USE_WORKLOAD_IDENTITY_AUTH=true}, federated token file), else managed identity ({@code AZURE_CLIENT_ID}).
 */
public final class SecretCredentials {
    static final String DEFAULT_FEDERATED_TOKEN_FILE = "/var/run/secrets/azure/tokens/azure-identity-token";

    private SecretCredentials() {
    }

    /** What kind of credential the Secret holds (for logs); never its values. */
    public static String mode(Map<String, String> data) {
        if (present(data, "AZURE_CLIENT_SECRET")) {
            return "client secret";
        }
        if (present(data, "AZURE_CLIENT_CERTIFICATE")) {
            return "client certificate";
        }
        if (workloadIdentity(data)) {
            return "workload identity";
        }
        return "managed identity";
    }

    /** @throws IllegalArgumentException naming the missing key */
    public static TokenCredential create(Map<String, String> data, String authorityHost) {
        CredentialSettings settings = new CredentialSettings(data.get("AZURE_SUBSCRIPTION_ID"),
                data.get("AZURE_TENANT_ID"), data.get("AZURE_CLIENT_ID"), data.get("AZURE_CLIENT_SECRET"),
                authorityHost, null);
        boolean disableDiscovery = !settings.isPublicCloudAuthority();
        String mode = mode(data);
        if (!mode.equals("managed identity")) {
            require(data, "AZURE_TENANT_ID");
        }
        require(data, "AZURE_CLIENT_ID");
        switch (mode) {
            case "client secret" -> {
                ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().tenantId(settings.tenantId())
                        .clientId(settings.clientId()).clientSecret(settings.clientSecret())
                        .authorityHost(settings.authorityHost());
                return (disableDiscovery ? b.disableInstanceDiscovery() : b).build();
            }
            case "client certificate" -> {
                ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
                        .tenantId(settings.tenantId()).clientId(settings.clientId())
                        .pemCertificate(new ByteArrayInputStream(
                                data.get("AZURE_CLIENT_CERTIFICATE").getBytes(StandardCharsets.UTF_8)))
                        .authorityHost(settings.authorityHost());
                if (present(data, "AZURE_CLIENT_CERTIFICATE_PASSWORD")) {
                    b.clientCertificatePassword(data.get("AZURE_CLIENT_CERTIFICATE_PASSWORD"));
                }
                return (disableDiscovery ? b.disableInstanceDiscovery() : b).build();
            }
            case "workload identity" -> {
                String file = System.getenv().getOrDefault("AZURE_FEDERATED_TOKEN_FILE", DEFAULT_FEDERATED_TOKEN_FILE);
                WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder()
                        .tenantId(settings.tenantId()).clientId(settings.clientId()).tokenFilePath(file)
                        .authorityHost(settings.authorityHost());
                return (disableDiscovery ? b.disableInstanceDiscovery() : b).build();
            }
            default -> {
                return new ManagedIdentityCredentialBuilder().clientId(settings.clientId()).build();
            }
        }
    }

    private static boolean workloadIdentity(Map<String, String> data) {
        return "workloadidentity".equalsIgnoreCase(data.getOrDefault("AUTH_MODE", ""))
                || "true".equalsIgnoreCase(data.getOrDefault("USE_WORKLOAD_IDENTITY_AUTH", ""));
    }

    private static boolean present(Map<String, String> data, String key) {
        return data.get(key) != null && !data.get(key).isBlank();
    }

    private static void require(Map<String, String> data, String key) {
        if (!present(data, key)) {
            throw new IllegalArgumentException("has no " + key);
        }
    }
}
