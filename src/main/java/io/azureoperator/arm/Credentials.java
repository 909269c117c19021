package io.azureoperator.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** Builds azure-identity {@link TokenCredential}s from {@link CredentialSettings}. */
public final class Credentials {

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    private Credentials() {
    }

    /**
     * A {@code ClientSecretCredential} when tenant id, client id and client secret are all set; otherwise a
     * {@code DefaultAzureCredential}, which covers environment variables, workload identity
     * ({@code AZURE_FEDERATED_TOKEN_FILE}), managed identity and developer tools.
     *
     * <p>For an authority host other than the public cloud default, instance discovery is disabled: MSAL would
     * otherwise validate the authority against the public discovery endpoint and fail (private/test clouds, Azure
     * Stack).
     */
    public static TokenCredential create(CredentialSettings settings) {
        Objects.requireNonNull(settings, "settings");
        boolean disableInstanceDiscovery = !settings.isPublicCloudAuthority();

        if (settings.hasClientSecret()) {
            LOG.info("Using ClientSecretCredential (tenant {}, client {}, authority {}{})",
                    settings.tenantId(), settings.clientId(), settings.authorityHost(),
                    disableInstanceDiscovery ? ", instance discovery disabled" : "");
            ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
                    .tenantId(settings.tenantId())
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .authorityHost(settings.authorityHost());
            if (disableInstanceDiscovery) {
                b.disableInstanceDiscovery();
            }
            return b.build();
        }

        LOG.info("Using DefaultAzureCredential (tenant {}, client {}, authority {}{})",
                settings.tenantId(), settings.clientId(), settings.authorityHost(),
                disableInstanceDiscovery ? ", instance discovery disabled" : "");
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder()
                .authorityHost(settings.authorityHost());
        if (settings.tenantId() != null) {
            b.tenantId(settings.tenantId());
        }
        if (settings.clientId() != null) {
            b.managedIdentityClientId(settings.clientId());
            b.workloadIdentityClientId(settings.clientId());
        }
        if (disableInstanceDiscovery) {
            b.disableInstanceDiscovery();
        }
        return b.build();
    }
}
