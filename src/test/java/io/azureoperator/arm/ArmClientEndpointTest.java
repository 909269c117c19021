package io.azureoperator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.budget.Budget;
import io.azureoperator.model.ArmId;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs the client will send its bearer token to (operation URLs come from ARM response headers). */
class ArmClientEndpointTest {
    private static Vertx vertx;
    private static ArmClient local;
    private static ArmClient azure;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        local = new ArmClient(WebClient.create(vertx), "http://127.0.0.1:1234", TokenSource.fixed("t"),
                Budget.unlimited());
        azure = new ArmClient(WebClient.create(vertx), "https://management.azure.com/", TokenSource.fixed("t"),
                Budget.unlimited());
    }

    @AfterAll
    static void tearDown() {
        vertx.close().await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1234/subscriptions/s/operations/1?api-version=2020-11-01",
            "http://127.0.0.1:1234", "HTTP://127.0.0.1:1234/x"})
    void sameSchemeHostAndPortIsOnEndpoint(String url) {
        assertThat(local.isOnEndpoint(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:1234/x", "http://127.0.0.1:1235/x", "http://127.0.0.1/x",
            "http://localhost:1234/x", "http://127.0.0.2:1234/x", "http://127.0.0.1:1234@evil.example/x",
            "//127.0.0.1:1234/x", "/subscriptions/s", "not a url", "", "file:///etc/passwd"})
    void otherUrlsAreNotOnEndpoint(String url) {
        assertThat(local.isOnEndpoint(url)).isFalse();
    }

    @Test
    void nullIsNotOnEndpoint() {
        assertThat(local.isOnEndpoint(null)).isFalse();
    }

    @Test
    void defaultPortsMatchExplicitOnes() {
        assertThat(azure.isOnEndpoint("https://management.azure.com:443/subscriptions/s/operations/1")).isTrue();
        assertThat(azure.isOnEndpoint("https://MANAGEMENT.azure.com/subscriptions/s")).isTrue();
        assertThat(azure.isOnEndpoint("http://management.azure.com/subscriptions/s")).isFalse();
        assertThat(azure.isOnEndpoint("https://management.azure.com:8443/subscriptions/s")).isFalse();
        assertThat(azure.isOnEndpoint("https://management.azure.com.evil.example/subscriptions/s")).isFalse();
        ArmClient plain = new ArmClient(WebClient.create(vertx), "http://arm.local", TokenSource.fixed("t"),
                Budget.unlimited());
        assertThat(plain.isOnEndpoint("http://arm.local:80/x")).isTrue();
        assertThat(plain.isOnEndpoint("http://arm.local:443/x")).isFalse();
    }

    @Test
    void pollRefusesForeignUrlWithoutSending() {
        assertThat(local.poll("s", "https://evil.example/op", io.azureoperator.budget.Priority.USER).failed())
                .isTrue();
        assertThat(local.sentCounts().values()).containsOnly(0L);
    }

    @Test
    void resourceUrlEscapesSegmentsAndKeepsTheEndpoint() {
        ArmId id = ArmId.parse("/subscriptions/s/resourceGroups/my rg (1)/providers/Microsoft.Network"
                + "/virtualNetworks/v");
        assertThat(azure.resourceUrl(id, "2020-11-01")).isEqualTo("https://management.azure.com/subscriptions/s"
                + "/resourceGroups/my%20rg%20%281%29/providers/Microsoft.Network/virtualNetworks/v"
                + "?api-version=2020-11-01");
        assertThat(local.isOnEndpoint(local.resourceUrl(id, "2020-11-01"))).isTrue();
    }
}
