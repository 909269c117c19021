package io.azureoperator.emulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain-Java tests of path parsing and ID identity (no HTTP). */
class ArmPathTest {

    private static final String SUB = "/subscriptions/s1";

    @Test
    void parsesResourcesAndNestedChildren() {
        ArmPath p = ArmPath.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s");
        assertThat(p.kind()).isEqualTo(ArmPath.Kind.RESOURCE);
        assertThat(p.id().fullType()).isEqualTo("Microsoft.Network/virtualNetworks/subnets");
        assertThat(p.id().name()).isEqualTo("s");
        assertThat(p.id().parent().name()).isEqualTo("v");
        assertThat(p.id().parent().parent().isResourceGroup()).isTrue();
    }

    @Test
    void parsesCollectionsActionsAndOperations() {
        assertThat(ArmPath.parse(SUB + "/resourcegroups").kind()).isEqualTo(ArmPath.Kind.RESOURCE_GROUP_LIST);
        ArmPath list = ArmPath.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks");
        assertThat(list.kind()).isEqualTo(ArmPath.Kind.COLLECTION);
        assertThat(list.id().isResourceGroup()).isTrue();
        assertThat(list.lastSegment()).isEqualTo("virtualNetworks");
        ArmPath action = ArmPath.parse(SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/listKeys");
        assertThat(action.kind()).isEqualTo(ArmPath.Kind.COLLECTION);
        assertThat(action.id().name()).isEqualTo("a");
        assertThat(action.lastSegment()).isEqualTo("listKeys");
        ArmPath op = ArmPath.parse(SUB + "/providers/Microsoft.Network/locations/westus2/operations/abc");
        assertThat(op.kind()).isEqualTo(ArmPath.Kind.PROVIDER_OPERATION);
        assertThat(op.operationId()).isEqualTo("abc");
        assertThat(ArmPath.parse(SUB + "/operationresults/xyz").kind())
                .isEqualTo(ArmPath.Kind.RESOURCE_GROUP_OPERATION);
        assertThat(ArmPath.parse(SUB + "/providers/Microsoft.Network/virtualNetworks").kind())
                .isEqualTo(ArmPath.Kind.SUBSCRIPTION_COLLECTION);
        assertThat(ArmPath.parse("/foo/bar").kind()).isEqualTo(ArmPath.Kind.UNKNOWN);
    }

    @Test
    void idsAreCaseInsensitiveAndFormatPerProvider() {
        ArmId a = ArmId.parse(SUB + "/resourceGroups/RG/providers/microsoft.managedidentity/USERASSIGNEDIDENTITIES/Id");
        ArmId b = ArmId.parse(SUB + "/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id");
        assertThat(a.key()).isEqualTo(b.key());
        assertThat(ResourceProfiles.USER_ASSIGNED_IDENTITY.format(a))
                .isEqualTo(SUB + "/resourcegroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/Id");
        assertThatThrownBy(() -> ArmId.parse(SUB + "/resourcegroups")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyProfileIsFindableAndHasAnApiVersion() {
        for (ResourceProfile p : ResourceProfiles.ALL) {
            assertThat(ResourceProfiles.find(p.type().toUpperCase())).contains(p);
            assertThat(p.apiVersions()).isNotEmpty();
        }
    }
}
