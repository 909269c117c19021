package io.azureoperator.model;

import static io.azureoperator.model.DriftFixturesTest.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The normalisation rules of {@link Drift}, one at a time, mostly on recorded bodies. */
class DriftTest {
    private static final String MSI_ID_LOWER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/"
            + "asotest-rg-ecobit/providers/Microsoft.ManagedIdentity/userAssignedIdentities/asotest-mi-ouwbhh";
    private static final String MSI_ID_AS_SENT = MSI_ID_LOWER.replace("/resourcegroups/", "/resourceGroups/");

    private static List<String> paths(JsonObject desired, JsonObject actual, String type) {
        return Drift.compare(desired, actual, type).changedPaths();
    }

    @Test
    void enumCasingIsNotDrift() {
        JsonObject actual = fx("storage-get.json");
        actual.getJsonObject("sku").put("name", "standard_lrs");
        actual.put("kind", "storagev2");
        actual.getJsonObject("properties").put("accessTier", "hot");
        assertThat(paths(fx("storage-put.json"), actual, DiffRules.STORAGE_ACCOUNTS)).isEmpty();

        JsonObject pip = fx("pip-get.json");
        pip.getJsonObject("properties").put("publicIPAllocationMethod", "static");
        pip.getJsonObject("sku").put("name", "STANDARD");
        assertThat(paths(fx("pip-put.json"), pip, DiffRules.PUBLIC_IP_ADDRESSES)).isEmpty();
    }

    @Test
    void securityRuleEnumsIgnoreCase() {
        JsonObject actual = fx("securityrule1-get.json");
        actual.getJsonObject("properties").put("protocol", "TCP").put("access", "allow").put("direction", "inbound");
        assertThat(paths(fx("securityrule1-put.json"), actual, DiffRules.SECURITY_RULES)).isEmpty();
    }

    @Test
    void freeTextIsCaseSensitive() {
        JsonObject actual = fx("msi-get-tags.json");
        actual.getJsonObject("tags").put("foo", "BAR");
        assertThat(paths(fx("msi-put-tags.json"), actual, DiffRules.USER_ASSIGNED_IDENTITIES))
                .containsExactly("tags.foo");
        JsonObject rule = fx("securityrule1-get.json");
        rule.getJsonObject("properties").put("description", "THE FIRST RULE OF NETWORKING IS DON'T TALK ABOUT NETWORKING");
        assertThat(paths(fx("securityrule1-put.json"), rule, DiffRules.SECURITY_RULES))
                .containsExactly("properties.description");
    }

    @Test
    void locationsAreNormalised() {
        JsonObject desired = fx("rg-put.json").put("location", "West US 2");
        assertThat(paths(desired, fx("rg-get.json"), DiffRules.RESOURCE_GROUPS)).isEmpty();
        assertThat(paths(desired.put("location", "WestUS2"), fx("rg-get.json"), DiffRules.RESOURCE_GROUPS)).isEmpty();
        assertThat(paths(desired.put("location", "eastus"), fx("rg-get.json"), DiffRules.RESOURCE_GROUPS))
                .containsExactly("location");
        assertThat(Drift.normalizeLocation("West Central US")).isEqualTo("westcentralus");
    }

    @Test
    void resourceIdsCompareIgnoringCase() {
        // the MSI RP returns IDs with a lowercase "resourcegroups" segment
        JsonObject desired = fx("subnet-put.json");
        desired.getJsonObject("properties").put("networkSecurityGroup", new JsonObject().put("id", MSI_ID_AS_SENT));
        JsonObject actual = fx("subnet-get.json");
        actual.getJsonObject("properties").put("networkSecurityGroup", new JsonObject().put("id", MSI_ID_LOWER));
        assertThat(paths(desired, actual, DiffRules.SUBNETS)).isEmpty();

        actual.getJsonObject("properties").put("networkSecurityGroup",
                new JsonObject().put("id", MSI_ID_LOWER.replace("asotest-mi-ouwbhh", "other")));
        assertThat(paths(desired, actual, DiffRules.SUBNETS)).containsExactly("properties.networkSecurityGroup.id");
    }

    @Test
    void userAssignedIdentityMapKeysAreIdsInAnyCase() {
        JsonObject desired = fx("storage-put.json").put("identity", new JsonObject().put("type", "UserAssigned")
                .put("userAssignedIdentities", new JsonObject().put(MSI_ID_AS_SENT, new JsonObject())));
        JsonObject msi = fx("msi-get.json").getJsonObject("properties");
        JsonObject actual = fx("storage-get.json").put("identity", new JsonObject().put("type", "userAssigned")
                .put("userAssignedIdentities", new JsonObject().put(MSI_ID_LOWER, new JsonObject()
                        .put("principalId", msi.getString("principalId")).put("clientId", msi.getString("clientId")))));
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS)).isEmpty();

        actual.getJsonObject("identity").getJsonObject("userAssignedIdentities")
                .put(MSI_ID_LOWER + "2", new JsonObject());
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS))
                .containsExactly("identity.userAssignedIdentities." + MSI_ID_LOWER + "2");
    }

    @Test
    void numbersCompareByValue() {
        // the recording sends 30 and reads back 30.0
        assertThat(fx("mgmtpolicy-get.json").encode()).contains("30.0");
        assertThat(Drift.compare(fx("mgmtpolicy-put.json"), fx("mgmtpolicy-get.json"), DiffRules.defaults())
                .drifted()).isFalse();

        JsonObject actual = fx("pip-get-idle7.json");
        actual.getJsonObject("properties").put("idleTimeoutInMinutes", 7.0);
        assertThat(paths(fx("pip-put-idle7.json"), actual, DiffRules.PUBLIC_IP_ADDRESSES)).isEmpty();
        actual.getJsonObject("properties").put("idleTimeoutInMinutes", 7.5);
        assertThat(paths(fx("pip-put-idle7.json"), actual, DiffRules.PUBLIC_IP_ADDRESSES))
                .containsExactly("properties.idleTimeoutInMinutes");
        actual.getJsonObject("properties").put("idleTimeoutInMinutes", "7");
        assertThat(paths(fx("pip-put-idle7.json"), actual, DiffRules.PUBLIC_IP_ADDRESSES))
                .containsExactly("properties.idleTimeoutInMinutes");
    }

    @Test
    void scalarArraysIgnoreOrderButNotMultiplicity() {
        JsonObject desired = fx("vnet-put.json");
        desired.getJsonObject("properties").put("addressSpace", new JsonObject().put("addressPrefixes",
                new JsonArray().add("10.0.0.0/8").add("172.16.0.0/12")));
        JsonObject actual = fx("vnet-get.json");
        actual.getJsonObject("properties").put("addressSpace", new JsonObject().put("addressPrefixes",
                new JsonArray().add("172.16.0.0/12").add("10.0.0.0/8")));
        assertThat(paths(desired, actual, DiffRules.VIRTUAL_NETWORKS)).isEmpty();

        actual.getJsonObject("properties").getJsonObject("addressSpace")
                .put("addressPrefixes", new JsonArray().add("10.0.0.0/8").add("10.0.0.0/8"));
        assertThat(paths(desired, actual, DiffRules.VIRTUAL_NETWORKS))
                .containsExactly("properties.addressSpace.addressPrefixes");
        actual.getJsonObject("properties").getJsonObject("addressSpace").put("addressPrefixes",
                new JsonArray().add("172.16.0.0/12").add("10.0.0.0/8").add("192.168.0.0/16"));
        assertThat(paths(desired, actual, DiffRules.VIRTUAL_NETWORKS))
                .containsExactly("properties.addressSpace.addressPrefixes");
    }

    @Test
    void dnsServersInAnotherOrderAreDrift() {
        DiffRules ordered = DiffRules.forType(DiffRules.VIRTUAL_NETWORKS);
        JsonObject desired = fx("vnet-put.json");
        desired.getJsonObject("properties").put("dhcpOptions",
                new JsonObject().put("dnsServers", new JsonArray().add("10.0.0.4").add("10.0.0.5")));
        JsonObject actual = fx("vnet-get.json");
        actual.getJsonObject("properties").put("dhcpOptions",
                new JsonObject().put("dnsServers", new JsonArray().add("10.0.0.5").add("10.0.0.4")));
        assertThat(Drift.compare(desired, actual, ordered).changedPaths())
                .containsExactly("properties.dhcpOptions.dnsServers[0]", "properties.dhcpOptions.dnsServers[1]");
    }

    @Test
    void keyedObjectArraysIgnoreOrder() {
        JsonObject desired = fx("subnet-put-delegation.json");
        JsonObject second = new JsonObject().put("name", "web")
                .put("properties", new JsonObject().put("serviceName", "Microsoft.Web/serverFarms"));
        desired.getJsonObject("properties").getJsonArray("delegations").add(second);
        JsonObject actual = fx("subnet-get-delegation.json");
        JsonArray delegations = actual.getJsonObject("properties").getJsonArray("delegations");
        delegations.add(0, second.copy().put("id", "x").put("etag", "W/\"1\""));
        assertThat(paths(desired, actual, DiffRules.SUBNETS)).isEmpty();
    }

    @Test
    void unkeyedObjectArraysCompareAsSets() {
        JsonObject desired = fx("pip-put.json");
        desired.getJsonObject("properties").put("ipTags", new JsonArray()
                .add(new JsonObject().put("ipTagType", "RoutingPreference").put("tag", "Internet"))
                .add(new JsonObject().put("ipTagType", "FirstPartyUsage").put("tag", "/Sql")));
        JsonObject actual = fx("pip-get.json");
        actual.getJsonObject("properties").put("ipTags", new JsonArray()
                .add(new JsonObject().put("ipTagType", "FirstPartyUsage").put("tag", "/Sql"))
                .add(new JsonObject().put("ipTagType", "RoutingPreference").put("tag", "Internet")));
        assertThat(paths(desired, actual, DiffRules.PUBLIC_IP_ADDRESSES)).isEmpty();

        actual.getJsonObject("properties").getJsonArray("ipTags").getJsonObject(0).put("tag", "/Storage");
        assertThat(paths(desired, actual, DiffRules.PUBLIC_IP_ADDRESSES)).containsExactly("properties.ipTags");
    }

    @Test
    void storageIpRulesMatchByValue() {
        JsonObject desired = fx("storage-put.json");
        desired.getJsonObject("properties").put("networkAcls", new JsonObject().put("defaultAction", "Deny")
                .put("ipRules", new JsonArray()
                        .add(new JsonObject().put("value", "20.1.2.3").put("action", "Allow"))
                        .add(new JsonObject().put("value", "20.1.2.4").put("action", "Allow"))));
        JsonObject actual = fx("storage-get.json");
        JsonObject acls = actual.getJsonObject("properties").getJsonObject("networkAcls").put("defaultAction", "deny");
        acls.put("ipRules", new JsonArray()
                .add(new JsonObject().put("value", "20.1.2.4").put("action", "allow"))
                .add(new JsonObject().put("value", "20.1.2.3").put("action", "Allow")));
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS)).isEmpty();

        acls.getJsonArray("ipRules").remove(0);
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS))
                .containsExactly("properties.networkAcls.ipRules[20.1.2.4]");
    }

    static Stream<Arguments> emptyTags() {
        Object absent = "absent";
        return Stream.of(
                Arguments.of(null, absent), Arguments.of(null, null), Arguments.of(null, new JsonObject()),
                Arguments.of(new JsonObject(), absent), Arguments.of(new JsonObject(), null),
                Arguments.of(new JsonObject(), new JsonObject()), Arguments.of(absent, new JsonObject()),
                Arguments.of(absent, null), Arguments.of(null, new JsonObject().put("a", "b")),
                Arguments.of(absent, new JsonObject().put("a", "b")));
    }

    @ParameterizedTest(name = "desired tags {0}, actual tags {1}")
    @MethodSource("emptyTags")
    void nullEmptyAndAbsentTagsAreEqual(Object desiredTags, Object actualTags) {
        JsonObject desired = fx("storage-put.json");
        JsonObject actual = fx("storage-get.json");
        setOrRemove(desired, "tags", desiredTags);
        setOrRemove(actual, "tags", actualTags);
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS)).isEmpty();
    }

    @Test
    void emptyDesiredTagsRemoveTagsAddedInAzure() {
        JsonObject desired = fx("storage-put.json").put("tags", new JsonObject());
        JsonObject actual = fx("storage-get.json").put("tags", new JsonObject().put("owner", "x"));
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS)).containsExactly("tags.owner");
    }

    private static void setOrRemove(JsonObject o, String key, Object v) {
        if ("absent".equals(v)) {
            o.remove(key);
        } else {
            o.put(key, v);
        }
    }

    @Test
    void readOnlyFieldsInsideArrayItemsAreIgnored() {
        // a delegation copied from the subnet PUT response: id, etag, type, provisioningState and actions
        JsonObject desired = fx("subnet-put-delegation.json");
        JsonObject item = desired.getJsonObject("properties").getJsonArray("delegations").getJsonObject(0);
        // ...here stale (another subnet's delegation, the old etag, a wrong type): none of it is managed
        item.put("id", fx("spec-vnet-put-subnet-200.json").getJsonObject("properties").getJsonArray("subnets")
                .getJsonObject(0).getString("id") + "/delegations/mydelegation");
        item.put("etag", "W/\"38755473-87d7-4409-a292-a6974a0132b3\"")
                .put("type", "Microsoft.Network/availableDelegations");
        item.getJsonObject("properties").put("provisioningState", "Updating").put("actions", new JsonArray());
        desired.put("etag", "W/\"old\"").put("id", "/subscriptions/x").put("type", "Other/type");
        desired.getJsonObject("properties").put("provisioningState", "Updating").put("resourceGuid", "g");
        assertThat(paths(desired, fx("subnet-get-delegation.json"), DiffRules.SUBNETS)).isEmpty();
    }

    @Test
    void idsInsideReferenceItemsAreCompared() {
        // items without a name are references: their id is what they mean
        String subnetId = fx("subnet-get.json").getString("id");
        JsonObject desired = fx("storage-put.json");
        desired.getJsonObject("properties").put("networkAcls", new JsonObject().put("virtualNetworkRules",
                new JsonArray().add(new JsonObject().put("id", subnetId).put("action", "Allow"))));
        JsonObject actual = fx("storage-get.json");
        actual.getJsonObject("properties").getJsonObject("networkAcls").put("virtualNetworkRules",
                new JsonArray().add(new JsonObject().put("id", subnetId.toLowerCase()).put("action", "Allow")
                        .put("state", "Succeeded")));
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS)).isEmpty();

        actual.getJsonObject("properties").getJsonObject("networkAcls").getJsonArray("virtualNetworkRules")
                .getJsonObject(0).put("id", subnetId + "x");
        assertThat(paths(desired, actual, DiffRules.STORAGE_ACCOUNTS))
                .containsExactly("properties.networkAcls.virtualNetworkRules[" + subnetId + "]",
                        "properties.networkAcls.virtualNetworkRules[" + subnetId + "x]");
    }

    @Test
    void desiredFieldMissingInAzureIsDrift() {
        JsonObject desired = fx("vnet-put.json");
        desired.getJsonObject("properties").put("enableVmProtection", true)
                .put("ddosProtectionPlan", new JsonObject().put("id", MSI_ID_AS_SENT));
        assertThat(paths(desired, fx("vnet-get.json"), DiffRules.VIRTUAL_NETWORKS))
                .containsExactly("properties.enableVmProtection", "properties.ddosProtectionPlan.id");
    }

    @Test
    void typeChangeIsDrift() {
        JsonObject actual = fx("vnet-get.json");
        actual.getJsonObject("properties").put("addressSpace", "10.0.0.0/8");
        assertThat(paths(fx("vnet-put.json"), actual, DiffRules.VIRTUAL_NETWORKS))
                .containsExactly("properties.addressSpace");
    }

    @Test
    void missingResourceDriftsOnEveryManagedLeaf() {
        assertThat(paths(fx("pip-put.json"), null, DiffRules.PUBLIC_IP_ADDRESSES))
                .containsExactly("location", "properties.publicIPAllocationMethod", "sku.name");
    }

    @Test
    void summaryListsAtMostFivePaths() {
        JsonObject desired = fx("rg-put.json").put("tags", new JsonObject());
        for (int i = 1; i <= 7; i++) {
            desired.getJsonObject("tags").put("t" + i, "secret-value-" + i);
        }
        DriftReport report = Drift.compare(desired, fx("rg-get.json"), DiffRules.RESOURCE_GROUPS);
        assertThat(report.drifted()).isTrue();
        assertThat(report.changedPaths()).hasSize(8);
        assertThat(report.summary()).isEqualTo(
                "Azure differs in 8 fields: tags.t1, tags.t2, tags.t3, tags.t4, tags.t5 and 3 more");
        assertThat(report.summary()).doesNotContain("secret-value");
        assertThat(DriftReport.none().summary()).isEqualTo("Azure matches the desired state");
    }

    @Test
    void rulesForUnknownTypesAreTheDefaults() {
        assertThat(DiffRules.forType("Microsoft.Foo/bars")).isSameAs(DiffRules.defaults());
        assertThat(DiffRules.forType(null)).isSameAs(DiffRules.defaults());
        assertThat(DiffRules.forType("microsoft.network/NETWORKSECURITYGROUPS"))
                .isEqualTo(DiffRules.forType(DiffRules.NETWORK_SECURITY_GROUPS));
        assertThat(DiffRules.forType(DiffRules.NETWORK_SECURITY_GROUPS).ignored())
                .contains("properties.defaultSecurityRules");
        assertThat(DiffRules.forType(DiffRules.VIRTUAL_NETWORKS).withoutIgnored("properties.subnets").ignored())
                .doesNotContain("properties.subnets");
    }

    @Test
    void compareDoesNotModifyItsInputs() {
        JsonObject desired = fx("nsg-put-tags.json");
        JsonObject actual = fx("nsg-get-tags.json");
        Drift.compare(desired, actual, DiffRules.NETWORK_SECURITY_GROUPS);
        assertThat(desired).isEqualTo(fx("nsg-put-tags.json"));
        assertThat(actual).isEqualTo(fx("nsg-get-tags.json"));
    }
}
