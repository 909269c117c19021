package io.azureoperator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.WorkloadIdentityCredential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each credential Secret shape (ASO's keys) builds its azure-identity credential; an incomplete one says what is missing. */
class SecretCredentialsTest {
    private static final String AUTHORITY = "https://login.microsoftonline.com/";
    private static final Map<String, String> BASE = Map.of("AZURE_SUBSCRIPTION_ID",
            "00000000-0000-0000-0000-000000000001", "AZURE_TENANT_ID", "tenant", "AZURE_CLIENT_ID", "client");

    @TempDir
    Path dir;

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> out = new HashMap<>(BASE);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                out.remove(keyValues[i]);
            } else {
                out.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }

    private Path tokenFile() throws IOException {
        return Files.writeString(dir.resolve("azure-identity-token"), "federated-token");
    }

    @Test
    void aClientSecretBuildsAClientSecretCredential() throws IOException {
        Map<String, String> data = with("AZURE_CLIENT_SECRET", "s");
        assertThat(SecretCredentials.mode(data, tokenFile())).isEqualTo("client secret");
        assertThat(SecretCredentials.create(data, AUTHORITY, tokenFile())).isInstanceOf(ClientSecretCredential.class);
    }

    @Test
    void aPemCertificateBuildsAClientCertificateCredential() throws Exception {
        Map<String, String> data = with("AZURE_CLIENT_CERTIFICATE", pem());
        assertThat(SecretCredentials.mode(data, tokenFile())).isEqualTo("client certificate");
        assertThat(SecretCredentials.create(data, AUTHORITY, dir.resolve("none")))
                .isInstanceOf(ClientCertificateCredential.class);
        assertThat(SecretCredentials.create(with("AZURE_CLIENT_CERTIFICATE", pem(),
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", "unused"), AUTHORITY, dir.resolve("none")))
                .isInstanceOf(ClientCertificateCredential.class);
    }

    @Test
    void workloadIdentityBuildsAWorkloadIdentityCredentialOnThePodsTokenFile() throws IOException {
        Path file = tokenFile();
        for (Map<String, String> data : new Map[] {with("AUTH_MODE", "workloadidentity"),
                with("USE_WORKLOAD_IDENTITY_AUTH", "true")}) {
            assertThat(SecretCredentials.mode(data, file)).isEqualTo("workload identity");
            assertThat(SecretCredentials.create(data, AUTHORITY, file)).isInstanceOf(WorkloadIdentityCredential.class);
        }
        assertThat(SecretCredentials.federatedTokenFile(Map.of("AZURE_FEDERATED_TOKEN_FILE", file.toString())))
                .isEqualTo(file);
        assertThat(SecretCredentials.federatedTokenFile(Map.of()))
                .isEqualTo(Path.of("/var/run/secrets/azure/tokens/azure-identity-token"));
    }

    @Test
    void aClientIdAloneBuildsAManagedIdentityCredential() throws IOException {
        Map<String, String> data = with("AZURE_TENANT_ID", null);
        assertThat(SecretCredentials.mode(data, tokenFile())).isEqualTo("managed identity");
        assertThat(SecretCredentials.create(data, AUTHORITY, tokenFile())).isInstanceOf(ManagedIdentityCredential.class);
    }

    /** ASO's workload-identity Secret: subscription, tenant and client IDs, nothing more. */
    @Test
    void onlyTheIdsMeanWorkloadIdentityOnAPodWithATokenFileElseManagedIdentity() throws IOException {
        Map<String, String> ids = with();
        assertThat(ids).containsOnlyKeys("AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_ID");
        assertThat(SecretCredentials.mode(ids, tokenFile())).isEqualTo("workload identity");
        assertThat(SecretCredentials.create(ids, AUTHORITY, tokenFile())).isInstanceOf(WorkloadIdentityCredential.class);
        assertThat(SecretCredentials.mode(ids, dir.resolve("none"))).isEqualTo("managed identity");
        assertThat(SecretCredentials.create(ids, AUTHORITY, dir.resolve("none")))
                .isInstanceOf(ManagedIdentityCredential.class);
        assertThat(SecretCredentials.create(with("AUTH_MODE", "managedidentity"), AUTHORITY, tokenFile()))
                .isInstanceOf(ManagedIdentityCredential.class);
    }

    @Test
    void incompleteSecretsNameWhatIsMissing() throws Exception {
        Path file = tokenFile();
        assertThatThrownBy(() -> SecretCredentials.create(with("AZURE_CLIENT_SECRET", "s", "AZURE_TENANT_ID", null),
                AUTHORITY, file)).isInstanceOf(IllegalArgumentException.class).hasMessage("has no AZURE_TENANT_ID");
        assertThatThrownBy(() -> SecretCredentials.create(with("AZURE_CLIENT_CERTIFICATE", pem(),
                "AZURE_CLIENT_ID", " "), AUTHORITY, file)).hasMessage("has no AZURE_CLIENT_ID");
        assertThatThrownBy(() -> SecretCredentials.create(with("AUTH_MODE", "workloadidentity", "AZURE_TENANT_ID", ""),
                AUTHORITY, file)).hasMessage("has no AZURE_TENANT_ID");
        assertThatThrownBy(() -> SecretCredentials.create(with("AZURE_TENANT_ID", null, "AZURE_CLIENT_ID", null),
                AUTHORITY, file)).hasMessage("has no AZURE_CLIENT_ID");
        assertThatThrownBy(() -> SecretCredentials.create(with("AUTH_MODE", "workloadidentity"), AUTHORITY,
                dir.resolve("not-mounted"))).hasMessageContaining("federated token file")
                .hasMessageContaining("not-mounted").hasMessageContaining("azure.workload.identity/use");
    }

    /** The test TLS key and certificate (src/test/resources/tls/server.p12) as PEM, as a Secret would hold them. */
    private static String pem() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls/server.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        String alias = store.aliases().nextElement();
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        return "-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(store.getKey(alias, "changeit".toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                + b64.encodeToString(store.getCertificate(alias).getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
