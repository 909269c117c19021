package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArmIdTest {
    private static final String SUB = "00000000-0000-0000-0000-000000000000";
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/aso-sample-rg";
    private static final String VNET = RG + "/providers/Microsoft.Network/virtualNetworks/samplevnet";
    private static final String SUBNET = VNET + "/subnets/samplesubnet";

    @ParameterizedTest
    @ValueSource(strings = {"/subscriptions/" + SUB, RG, VNET, SUBNET,
            RG + "/providers/Microsoft.Storage/storageAccounts/samplestorage"})
    void parseFormatRoundTrip(String text) {
        ArmId id = ArmId.parse(text);
        assertThat(id.toString()).isEqualTo(text);
        assertThat(ArmId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void partsOfEachLevel() {
        ArmId sub = ArmId.parse("/subscriptions/" + SUB);
        assertThat(sub.subscriptionId()).isEqualTo(SUB);
        assertThat(sub.resourceGroup()).isEmpty();
        assertThat(sub.name()).isEqualTo(SUB);
        assertThat(sub.resourceType()).isEqualTo("Microsoft.Resources/subscriptions");

        ArmId rg = ArmId.parse(RG);
        assertThat(rg.resourceGroup()).contains("aso-sample-rg");
        assertThat(rg.name()).isEqualTo("aso-sample-rg");
        assertThat(rg.resourceType()).isEqualTo("Microsoft.Resources/resourceGroups");

        ArmId vnet = ArmId.parse(VNET);
        assertThat(vnet.name()).isEqualTo("samplevnet");
        assertThat(vnet.resourceType()).isEqualTo("Microsoft.Network/virtualNetworks");

        ArmId subnet = ArmId.parse(SUBNET);
        assertThat(subnet.name()).isEqualTo("samplesubnet");
        assertThat(subnet.resourceType()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(subnet.resourceGroup()).contains("aso-sample-rg");
    }

    @Test
    void segmentsAreTheUnescapedPathParts() {
        assertThat(ArmId.parse(SUBNET).segments()).containsExactly("subscriptions", SUB, "resourceGroups",
                "aso-sample-rg", "providers", "Microsoft.Network", "virtualNetworks", "samplevnet", "subnets",
                "samplesubnet");
        assertThat(ArmId.subscription(SUB).segments()).containsExactly("subscriptions", SUB);
        assertThat(ArmId.parse("/subscriptions/s/resourceGroups/my rg (1)").segments())
                .containsExactly("subscriptions", "s", "resourceGroups", "my rg (1)");
    }

    @Test
    void comparesCaseInsensitively() {
        // the MSI RP returns a lowercase resourcegroups segment (IdentityCreate.json)
        ArmId a = ArmId.parse("/subscriptions/" + SUB + "/resourcegroups/RG/providers/Microsoft.ManagedIdentity"
                + "/userAssignedIdentities/ID1");
        ArmId b = ArmId.parse("/SUBSCRIPTIONS/" + SUB + "/resourceGroups/rg/providers/microsoft.managedidentity"
                + "/userassignedidentities/id1");
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(ArmId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers"
                + "/Microsoft.ManagedIdentity/userAssignedIdentities/id2"));
        assertThat(a).isNotEqualTo(a.toString());
    }

    @Test
    void equalIdsHaveEqualHashCodesForNonAsciiNames() {
        // resource group names may hold Unicode letters; equals and hashCode must agree
        ArmId a = ArmId.parse("/subscriptions/s/resourceGroups/\u0130stanbul");
        ArmId b = ArmId.parse("/subscriptions/s/resourceGroups/istanbul");
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Test
    void childBuildsEachLevel() {
        ArmId rg = ArmId.subscription(SUB).child("Microsoft.Resources/resourceGroups", "aso-sample-rg");
        assertThat(rg).hasToString(RG);
        ArmId vnet = rg.child("Microsoft.Network/virtualNetworks", "samplevnet");
        assertThat(vnet).hasToString(VNET);
        ArmId subnet = vnet.child("Microsoft.Network/virtualNetworks/subnets", "samplesubnet");
        assertThat(subnet).hasToString(SUBNET);
        assertThat(subnet).isEqualTo(ArmId.parse(SUBNET));
        // type names compare case-insensitively too
        assertThat(vnet.child("microsoft.network/VIRTUALNETWORKS/subnets", "x").name()).isEqualTo("x");
    }

    @Test
    void childRejectsResourceGroupUnderResourceGroup() {
        assertThatThrownBy(() -> ArmId.parse(RG).child("Microsoft.Resources/resourceGroups", "inner"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmId.parse(VNET).child("Microsoft.Resources/resourceGroups", "inner"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childRejectsNetworkTypeDirectlyUnderSubscription() {
        assertThatThrownBy(() -> ArmId.subscription(SUB).child("Microsoft.Network/virtualNetworks", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resource group");
    }

    @Test
    void childRejectsSubnetUnderResourceGroup() {
        assertThatThrownBy(() -> ArmId.parse(RG).child("Microsoft.Network/virtualNetworks/subnets", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Microsoft.Network/virtualNetworks");
    }

    @Test
    void childRejectsWrongParentType() {
        ArmId nsg = ArmId.parse(RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg");
        assertThatThrownBy(() -> nsg.child("Microsoft.Network/virtualNetworks/subnets", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        // a grandchild type directly under the top-level resource
        assertThatThrownBy(() -> ArmId.parse(VNET).child("Microsoft.Network/virtualNetworks/subnets/delegations", "d"))
                .isInstanceOf(IllegalArgumentException.class);
        // a top-level type under a resource
        assertThatThrownBy(() -> ArmId.parse(VNET).child("Microsoft.Network/networkSecurityGroups", "n"))
                .isInstanceOf(IllegalArgumentException.class);
        // a similarly-named but different parent type
        assertThatThrownBy(() -> ArmId.parse(VNET).child("Microsoft.Network/virtualNetworksX/subnets", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmId.parse(RG).child("virtualNetworks", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", "a..b", ".", "50%", "what?", "a#b", "a\\b", "trailing.", "ctl\u0001"})
    void childRejectsBadNames(String name) {
        ArmId rg = ArmId.parse(RG);
        assertThatThrownBy(() -> rg.child("Microsoft.Network/virtualNetworks", name))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmId.subscription(SUB).child("Microsoft.Resources/resourceGroups", name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childRejectsNullName() {
        assertThatThrownBy(() -> ArmId.parse(RG).child("Microsoft.Network/virtualNetworks", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "subscriptions/s", "/subscriptions", "/subscriptions/", "/subs/s",
            "/subscriptions/s/resourceGroups", "/subscriptions/s/resourceGroups/", "/subscriptions/s/rg/x",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets",
            "/subscriptions/s/resourceGroups/rg//providers/Microsoft.Network/virtualNetworks/v",
            "/subscriptions/s/resourceGroups/rg/things/Microsoft.Network/virtualNetworks/v",
            "/subscriptions/s/resourceGroups/a..b", "/subscriptions/s/resourceGroups/50%25",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v?x"})
    void parseRejects(String text) {
        assertThatThrownBy(() -> ArmId.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ArmId.tryParse(text)).isEmpty();
    }

    @Test
    void parseRejectsNull() {
        assertThatThrownBy(() -> ArmId.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ArmId.tryParse(null)).isEmpty();
    }

    @Test
    void tryParseReturnsTheId() {
        assertThat(ArmId.tryParse(VNET)).contains(ArmId.parse(VNET));
    }

    @Test
    void subscriptionRejectsBadId() {
        assertThatThrownBy(() -> ArmId.subscription("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmId.subscription("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void segmentsListIsACopy() {
        ArmId id = ArmId.parse(VNET);
        List<String> s = id.segments();
        s.add("extra");
        assertThat(id.segments()).hasSize(8);
    }
}
