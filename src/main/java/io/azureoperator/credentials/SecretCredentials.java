package io.azureoperator.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.azureoperator.arm.CredentialSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the azure-identity credential a credential Secret describes (ASO's keys): client secret
 * ({@code AZURE_CLIENT_SECRET}), client certificate ({@code AZURE_CLIENT_CERTIFICATE} PEM, optional
 * {@code AZURE_CLIENT_CERTIFICATE_PASSWORD}), workload identity ({@code AUTH_MODE=workloadidentity} or
 * {@code USE_WORKLOAD_IDENTITY_AUTH=true}, or only the IDs on a pod with a federated token file, as in ASO), else
 * managed identity ({@code AZURE_CLIENT_ID}).
 * The federated token file is the pod's: Azure Workload Identity's webhook mounts it and sets
 * {@code AZURE_FEDERATED_TOKEN_FILE} when the pod is labelled {@code azure.workload.identity/use: "true"}.
 */
public final class SecretCredentials {
    static final String DEFAULT_FEDERATED_TOKEN_FILE = "/var/run/secrets/azure/tokens/azure-identity-token";
    static final String FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";

    private SecretCredentials() {
    }

    /**
     * What kind of credential the Secret holds; never its values. A Secret with only the subscription, tenant and
     * client IDs is ASO's workload-identity format: workload identity when the pod has a federated token file,
     * else managed identity with that client ID ({@code AUTH_MODE} {@code workloadidentity} or
     * {@code managedidentity} decides it instead).
     */
    public static String mode(Map<String, String> data, Path federatedTokenFile) {
        if (present(data, "AZURE_CLIENT_SECRET")) {
            return "client secret";
        }
        if (present(data, "AZURE_CLIENT_CERTIFICATE")) {
            return "client certificate";
        }
        if (workloadIdentity(data)) {
            return "workload identity";
        }
        if ("managedidentity".equalsIgnoreCase(data.getOrDefault("AUTH_MODE", ""))) {
            return "managed identity";
        }
        return present(data, "AZURE_TENANT_ID") && Files.isReadable(federatedTokenFile) ? "workload identity"
                : "managed identity";
    }

    /** The federated token file named by the environment ({@code AZURE_FEDERATED_TOKEN_FILE}), else the default. */
    public static Path federatedTokenFile(Map<String, String> env) {
        String file = env.get(FEDERATED_TOKEN_FILE);
        return Path.of(file == null || file.isBlank() ? DEFAULT_FEDERATED_TOKEN_FILE : file.trim());
    }

    /** @throws IllegalArgumentException saying what is missing (a key, or the federated token file) */
    public static TokenCredential create(Map<String, String> data, String authorityHost, Path federatedTokenFile) {
        CredentialSettings settings = new CredentialSettings(data.get("AZURE_SUBSCRIPTION_ID"),
                data.get("AZURE_TENANT_ID"), data.get("AZURE_CLIENT_ID"), data.get("AZURE_CLIENT_SECRET"),
                authorityHost, null);
        boolean disableDiscovery = !settings.isPublicCloudAuthority();
        String mode = mode(data, federatedTokenFile);
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
                if (!Files.isReadable(federatedTokenFile)) {
                    throw new IllegalArgumentException("asks for workload identity, but the federated token file "
                            + federatedTokenFile + " is not there: label the operator's pod azure.workload.identity/use:"
                            + " \"true\" and annotate its ServiceAccount azure.workload.identity/client-id");
                }
                WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder()
                        .tenantId(settings.tenantId()).clientId(settings.clientId())
                        .tokenFilePath(federatedTokenFile.toString()).authorityHost(settings.authorityHost());
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
