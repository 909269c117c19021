package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recorded PUT body of each type against the recorded GET after it settled must not drift (an idle fleet
 * costs zero PUTs); a real change in Azure must drift on the right path. Bodies: src/test/resources/arm-fixtures/drift/.
 */
class DriftFixturesTest {

    static JsonObject fx(String name) {
        return Fixtures.json("drift/" + name);
    }

    static DriftReport diff(String type, JsonObject desired, JsonObject actual) {
        return Drift.compare(desired, actual, DiffRules.forType(type));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @CsvSource({
        "Microsoft.Resources/resourceGroups, rg-put.json, rg-get.json",
        "Microsoft.Resources/resourceGroups, rg-put-tags.json, rg-get-tags.json",
        "Microsoft.Network/virtualNetworks, vnet-put.json, vnet-get.json",
        "Microsoft.Network/virtualNetworks, spec-vnet-put-subnet.json, spec-vnet-put-subnet-200.json",
        "Microsoft.Network/virtualNetworks/subnets, subnet-put.json, subnet-get.json",
        "Microsoft.Network/virtualNetworks/subnets, subnet-put-delegation.json, subnet-get-delegation.json",
        "Microsoft.Network/networkSecurityGroups, nsg-put-tags.json, nsg-get-tags.json",
        "Microsoft.Network/networkSecurityGroups, spec-nsg-put-rule.json, spec-nsg-put-rule-200.json",
        "Microsoft.Network/networkSecurityGroups/securityRules, securityrule1-put.json, securityrule1-get.json",
        "Microsoft.Network/networkSecurityGroups/securityRules, securityrule2-put.json, securityrule2-get.json",
        "Microsoft.Network/networkSecurityGroups/securityRules, securityrule1-put-priority100.json, securityrule1-get-priority100.json",
        "Microsoft.Network/publicIPAddresses, pip-put.json, pip-get.json",
        "Microsoft.Network/publicIPAddresses, pip-put-idle7.json, pip-get-idle7.json",
        "Microsoft.Storage/storageAccounts, storage-put.json, storage-get.json",
        "Microsoft.ManagedIdentity/userAssignedIdentities, msi-put.json, msi-get.json",
        "Microsoft.ManagedIdentity/userAssignedIdentities, msi-put-tags.json, msi-get-tags.json",
        "Microsoft.Storage/storageAccounts/managementPolicies, mgmtpolicy-put.json, mgmtpolicy-get.json",
    })
    void recordedPutAgainstSettledGetIsInSync(String type, String put, String get) {
        DriftReport report = diff(type, fx(put), fx(get));
        assertThat(report.changedPaths()).isEmpty();
        assertThat(report.drifted()).isFalse();
        assertThat(report.summary()).isEqualTo("Azure matches the desired state");
    }

    @Test
    void resourceGroupTagUpdateFromTheRecordingIsDrift() {
        // interaction 2 adds tag1; the GET before it (interaction 1) does not have it yet
        DriftReport report = diff(DiffRules.RESOURCE_GROUPS, fx("rg-put-tags.json"), fx("rg-get.json"));
        assertThat(report.changedPaths()).containsExactly("tags.tag1");
        assertThat(report.summary()).isEqualTo("Azure differs in 1 field: tags.tag1");
    }

    @Test
    void resourceGroupTagChangedOrAddedInAzureIsDrift() {
        JsonObject actual = fx("rg-get-tags.json");
        actual.getJsonObject("tags").put("tag1", "changed-in-portal").put("owner", "someone");
        assertThat(diff(DiffRules.RESOURCE_GROUPS, fx("rg-put-tags.json"), actual).changedPaths())
                .containsExactly("tags.tag1", "tags.owner");
    }

    @Test
    void vnetAddressPrefixChangeIsDrift() {
        JsonObject actual = fx("vnet-get.json");
        actual.getJsonObject("properties").getJsonObject("addressSpace")
                .put("addressPrefixes", new JsonArray().add("10.0.0.0/16"));
        assertThat(diff(DiffRules.VIRTUAL_NETWORKS, fx("vnet-put.json"), actual).changedPaths())
                .containsExactly("properties.addressSpace.addressPrefixes");
    }

    @Test
    void vnetIgnoresSubnetsCreatedAsTheirOwnResources() {
        // the spec GET's subnet carries id, provisioningState and ipConfigurations back-references
        JsonObject actual = fx("vnet-get.json");
        actual.getJsonObject("properties").put("subnets",
                fx("spec-vnet-get.json").getJsonObject("properties").getJsonArray("subnets"));
        JsonObject desired = fx("vnet-put.json");
        desired.getJsonObject("properties").put("subnets", new JsonArray());
        assertThat(diff(DiffRules.VIRTUAL_NETWORKS, desired, actual).drifted()).isFalse();
    }

    @Test
    void vnetInlineSubnetsMatchByNameWhenCompared() {
        DiffRules inline = DiffRules.forType(DiffRules.VIRTUAL_NETWORKS).withoutIgnored("properties.subnets");
        JsonObject desired = fx("spec-vnet-put-subnet.json");
        assertThat(Drift.compare(desired, fx("spec-vnet-put-subnet-200.json"), inline).drifted()).isFalse();

        JsonObject actual = fx("spec-vnet-put-subnet-200.json");
        actual.getJsonObject("properties").getJsonArray("subnets").getJsonObject(0)
                .getJsonObject("properties").put("addressPrefix", "10.0.9.0/24");
        assertThat(Drift.compare(desired, actual, inline).changedPaths())
                .containsExactly("properties.subnets[test-1].properties.addressPrefix");
    }

    @Test
    void subnetDelegationRemovedInAzureIsDrift() {
        JsonObject actual = fx("subnet-get-delegation.json");
        actual.getJsonObject("properties").put("delegations", new JsonArray());
        assertThat(diff(DiffRules.SUBNETS, fx("subnet-put-delegation.json"), actual).changedPaths())
                .containsExactly("properties.delegations[mydelegation]");
        // the GET before the delegation was added (interaction 7) drifts the same way
        assertThat(diff(DiffRules.SUBNETS, fx("subnet-put-delegation.json"), fx("subnet-get.json")).changedPaths())
                .containsExactly("properties.delegations[mydelegation]");
    }

    @Test
    void subnetDelegationAddedInAzureIsDriftWhenDelegationsAreManaged() {
        JsonObject desired = fx("subnet-put.json");
        desired.getJsonObject("properties").put("delegations", new JsonArray());
        assertThat(diff(DiffRules.SUBNETS, desired, fx("subnet-get-delegation.json")).changedPaths())
                .containsExactly("properties.delegations");
        // not sent at all = not managed
        assertThat(diff(DiffRules.SUBNETS, fx("subnet-put.json"), fx("subnet-get-delegation.json")).drifted())
                .isFalse();
    }

    @Test
    void subnetPrefixAndDelegationServiceChangesAreDrift() {
        JsonObject actual = fx("subnet-get-delegation.json");
        actual.getJsonObject("properties").put("addressPrefix", "10.0.1.0/24");
        actual.getJsonObject("properties").getJsonArray("delegations").getJsonObject(0)
                .getJsonObject("properties").put("serviceName", "Microsoft.Web/serverFarms");
        assertThat(diff(DiffRules.SUBNETS, fx("subnet-put-delegation.json"), actual).changedPaths())
                .containsExactly("properties.addressPrefix",
                        "properties.delegations[mydelegation].properties.serviceName");
    }

    @Test
    void nsgTagChangeIsDriftAndDefaultSecurityRulesAreIgnored() {
        JsonObject actual = fx("nsg-get-tags.json");
        actual.getJsonObject("tags").put("foo", "baz");
        actual.getJsonObject("properties").getJsonArray("defaultSecurityRules").getJsonObject(0)
                .getJsonObject("properties").put("priority", 1);
        assertThat(diff(DiffRules.NETWORK_SECURITY_GROUPS, fx("nsg-put-tags.json"), actual).changedPaths())
                .containsExactly("tags.foo");
    }

    @Test
    void securityRulePriorityFromTheRecordingIsDrift() {
        // interaction 16 changes the rule's priority 123 -> 100; interaction 13 is the GET before it
        DriftReport report = diff(DiffRules.SECURITY_RULES, fx("securityrule1-put-priority100.json"),
                fx("securityrule1-get.json"));
        assertThat(report.changedPaths()).containsExactly("properties.priority");
    }

    @Test
    void inlineSecurityRulesMatchByNameAndDriftOnPriority() {
        JsonObject desired = fx("nsg-put-tags.json");
        desired.put("properties", new JsonObject().put("securityRules", new JsonArray()
                .add(fx("securityrule1-put-priority100.json")).add(fx("securityrule2-put.json"))));
        JsonObject actual = fx("nsg-get-tags.json");
        actual.getJsonObject("properties").put("securityRules", new JsonArray()
                .add(fx("securityrule2-get.json")).add(fx("securityrule1-get-priority100.json")));
        assertThat(diff(DiffRules.NETWORK_SECURITY_GROUPS, desired, actual).drifted()).isFalse();

        actual.getJsonObject("properties").put("securityRules", new JsonArray()
                .add(fx("securityrule2-get.json")).add(fx("securityrule1-get.json")));
        assertThat(diff(DiffRules.NETWORK_SECURITY_GROUPS, desired, actual).changedPaths())
                .containsExactly("properties.securityRules[asotest-rule1-ulwxxe].properties.priority");
    }

    @Test
    void securityRuleAddedOrRemovedInAzureIsDrift() {
        JsonObject desired = fx("spec-nsg-put-rule.json");
        JsonObject actual = fx("spec-nsg-put-rule-200.json");
        JsonObject extra = fx("securityrule2-get.json");
        actual.getJsonObject("properties").getJsonArray("securityRules").add(extra);
        assertThat(diff(DiffRules.NETWORK_SECURITY_GROUPS, desired, actual).changedPaths())
                .containsExactly("properties.securityRules[asotest-rule2-bnaavb]");

        actual.getJsonObject("properties").put("securityRules", new JsonArray());
        assertThat(diff(DiffRules.NETWORK_SECURITY_GROUPS, desired, actual).changedPaths())
                .containsExactly("properties.securityRules[rule1]");
    }

    @Test
    void securityRuleSingularAndPluralNormalisation() {
        // rule 2 was sent with plural sourcePortRanges and no singular; ARM omits the singular, adds empty plurals
        JsonObject desired = fx("securityrule2-put.json");
        desired.getJsonObject("properties").put("sourcePortRange", "")
                .put("destinationPortRanges", new JsonArray()).put("sourceAddressPrefixes", new JsonArray());
        assertThat(diff(DiffRules.SECURITY_RULES, desired, fx("securityrule2-get.json")).drifted()).isFalse();

        JsonObject actual = fx("securityrule2-get.json");
        actual.getJsonObject("properties").getJsonArray("sourcePortRanges").remove(1);
        assertThat(diff(DiffRules.SECURITY_RULES, desired, actual).changedPaths())
                .containsExactly("properties.sourcePortRanges");
    }

    @Test
    void publicIpIdleTimeoutFromTheRecordingIsDrift() {
        // interaction 6 changes idleTimeoutInMinutes 4 -> 7; interaction 4 is the GET before it
        assertThat(diff(DiffRules.PUBLIC_IP_ADDRESSES, fx("pip-put-idle7.json"), fx("pip-get.json")).changedPaths())
                .containsExactly("properties.idleTimeoutInMinutes");
    }

    @Test
    void publicIpSkuChangeIsDriftButServerDefaultsAreNot() {
        JsonObject actual = fx("pip-get.json");
        actual.put("sku", new JsonObject().put("name", "Basic").put("tier", "Regional"));
        assertThat(diff(DiffRules.PUBLIC_IP_ADDRESSES, fx("pip-put.json"), actual).changedPaths())
                .containsExactly("sku.name");

        // the recorded PUT did not send idleTimeoutInMinutes, so the server default is not managed
        JsonObject changedDefault = fx("pip-get.json");
        changedDefault.getJsonObject("properties").put("idleTimeoutInMinutes", 30).put("ipAddress", "1.2.3.4");
        assertThat(diff(DiffRules.PUBLIC_IP_ADDRESSES, fx("pip-put.json"), changedDefault).drifted()).isFalse();
    }

    @Test
    void storageSkuAndAccessTierChangesAreDrift() {
        JsonObject actual = fx("storage-get.json");
        actual.getJsonObject("sku").put("name", "Standard_GRS");
        actual.getJsonObject("properties").put("accessTier", "Cool");
        assertThat(diff(DiffRules.STORAGE_ACCOUNTS, fx("storage-put.json"), actual).changedPaths())
                .containsExactly("properties.accessTier", "sku.name");
    }

    @Test
    void storageReadOnlyAndStatusFieldsAreIgnored() {
        JsonObject desired = fx("storage-put.json");
        // a desired body built carelessly from a GET: status fields must not cause PUTs
        JsonObject props = desired.getJsonObject("properties");
        props.put("primaryEndpoints", new JsonObject().put("blob", "https://other.blob.core.windows.net/"));
        props.put("creationTime", "1999-01-01T00:00:00Z").put("provisioningState", "ResolvingDNS");
        props.put("encryption", new JsonObject().put("keySource", "microsoft.storage").put("services",
                new JsonObject().put("blob", new JsonObject().put("enabled", true).put("keyType", "account")
                        .put("lastEnabledTime", "1999-01-01T00:00:00Z"))));
        assertThat(diff(DiffRules.STORAGE_ACCOUNTS, desired, fx("storage-get.json")).drifted()).isFalse();
    }

    @Test
    void identityTagsFromTheRecordingAreDrift() {
        // interaction 12 adds tags {foo: bar}; the GET before it (interaction 4) has tags {}
        assertThat(diff(DiffRules.USER_ASSIGNED_IDENTITIES, fx("msi-put-tags.json"), fx("msi-get.json"))
                .changedPaths()).containsExactly("tags.foo");
    }

    @Test
    void managementPolicyNumbersComparedByValue() {
        JsonObject actual = fx("mgmtpolicy-get.json");
        actual.getJsonObject("properties").getJsonObject("policy").getJsonArray("rules").getJsonObject(0)
                .getJsonObject("definition").getJsonObject("actions").getJsonObject("version")
                .getJsonObject("delete").put("daysAfterCreationGreaterThan", 60.0);
        assertThat(Drift.compare(fx("mgmtpolicy-put.json"), actual, DiffRules.defaults()).changedPaths())
                .containsExactly("properties.policy.rules[test-rule].definition.actions.version.delete"
                        + ".daysAfterCreationGreaterThan");
    }

    @Test
    void listKeysPermissionsCasingWithoutDiffingKeyValues() {
        DiffRules keys = DiffRules.defaults().withArrayKey("keys", "keyName")
                .withCaseInsensitive("keys[].permissions").withIgnored("keys[].value");
        // spec example says "Full", the recording says "FULL"
        assertThat(Drift.compare(fx("spec-storage-listkeys.json"), fx("storage-listkeys.json"), keys).drifted())
                .isFalse();

        DiffRules strict = DiffRules.defaults().withArrayKey("keys", "keyName").withIgnored("keys[].value");
        assertThat(Drift.compare(fx("spec-storage-listkeys.json"), fx("storage-listkeys.json"), strict)
                .changedPaths()).containsExactly("keys[key1].permissions", "keys[key2].permissions");
    }

    @Test
    void summaryNeverContainsValues() {
        DiffRules keys = DiffRules.defaults().withArrayKey("keys", "keyName").withCaseInsensitive("keys[].permissions");
        DriftReport report = Drift.compare(fx("spec-storage-listkeys.json"), fx("storage-listkeys.json"), keys);
        assertThat(report.changedPaths()).containsExactly("keys[key1].value", "keys[key2].value");
        assertThat(report.summary()).doesNotContain("<value>", "{KEY}");
    }
}
