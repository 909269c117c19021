package io.azureoperator.arm;

import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialSettingsTest {

    private static final String SECRET = "s3cr3t-Value~with.chars_42";

    @Test
    void toStringNeverContainsTheSecret() {
        CredentialSettings s = new CredentialSettings("sub-1", "tenant-1", "client-1", SECRET, null, null);
        assertThat(s.toString())
                .doesNotContain(SECRET)
                .contains("clientSecret=***", "tenantId=tenant-1", "clientId=client-1", "subscriptionId=sub-1");
        assertThat(CredentialSettings.of("sub-1", "tenant-1", "client-1", null).toString())
                .contains("clientSecret=null");
        // the accessor still returns the real value
        assertThat(s.clientSecret()).isEqualTo(SECRET);
    }

    @Test
    void defaultsToPublicCloud() {
        CredentialSettings s = CredentialSettings.of("sub", "t", "c", "x");
        assertThat(s.authorityHost()).isEqualTo("https://login.microsoftonline.com/");
        assertThat(s.audience()).isEqualTo("https://management.azure.com/");
        assertThat(s.scope()).isEqualTo("https://management.azure.com/.default");
        assertThat(s.isPublicCloudAuthority()).isTrue();
        assertThat(new CredentialSettings("sub", "t", "c", "x", "  ", "").audience())
                .isEqualTo("https://management.azure.com/");
    }

    @Test
    void scopeIsAudiencePlusDefaultWithOrWithoutTrailingSlash() {
        assertThat(new CredentialSettings(null, null, null, null, null, "https://management.azure.com").scope())
                .isEqualTo("https://management.azure.com/.default");
        assertThat(new CredentialSettings(null, null, null, null, null, "https://management.usgovcloudapi.net/").scope())
                .isEqualTo("https://management.usgovcloudapi.net/.default");
    }

    @Test
    void publicCloudAuthorityComparisonIgnoresTrailingSlashAndCase() {
        assertThat(new CredentialSettings(null, null, null, null, "https://LOGIN.microsoftonline.com", null)
                .isPublicCloudAuthority()).isTrue();
        assertThat(new CredentialSettings(null, null, null, null, "https://127.0.0.1:8443/", null)
                .isPublicCloudAuthority()).isFalse();
    }

    @Test
    void blankSecretIsTreatedAsAbsent() {
        CredentialSettings s = new CredentialSettings("sub", "t", "c", " ", null, null);
        assertThat(s.clientSecret()).isNull();
        assertThat(s.hasClientSecret()).isFalse();
    }

    @Test
    void credentialsPickClientSecretCredentialOnlyWhenTenantClientAndSecretAreSet() {
        assertThat(Credentials.create(CredentialSettings.of("sub", "tenant-1", "client-1", SECRET)))
                .isInstanceOf(ClientSecretCredential.class);
        assertThat(Credentials.create(new CredentialSettings("sub", "tenant-1", "client-1", SECRET,
                "https://127.0.0.1:8443/", null)))
                .isInstanceOf(ClientSecretCredential.class);
        assertThat(Credentials.create(CredentialSettings.of("sub", "tenant-1", "client-1", null)))
                .isInstanceOf(DefaultAzureCredential.class);
        assertThat(Credentials.create(CredentialSettings.of("sub", null, null, null)))
                .isInstanceOf(DefaultAzureCredential.class);
    }
}
