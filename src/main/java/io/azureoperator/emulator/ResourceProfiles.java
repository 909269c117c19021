package io.azureoperator.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ARM types the emulator serves (SPEC §3). Adding a type is one entry in {@link #ALL}; defaults and
 * behaviour follow shared/arm-fixtures/README.md.
 */
final class ResourceProfiles {

    private static final Pattern RESOURCE_GROUP_NAME = Pattern.compile("[-\\w._()]{1,90}");
    private static final Pattern STORAGE_ACCOUNT_NAME = Pattern.compile("[a-z0-9]{3,24}");

    static final ResourceProfile RESOURCE_GROUP = ResourceProfile.of(ArmId.RESOURCE_GROUP_TYPE)
            .apiVersions("2020-06-01")
            .delete(DeleteStyle.LOCATION)
            .nameRule(ResourceProfiles::checkResourceGroupName)
            .build();

    static final ResourceProfile VIRTUAL_NETWORK = ResourceProfile.of("Microsoft.Network/virtualNetworks")
            .apiVersions("2020-11-01")
            .put(PutStyle.AZURE_ASYNC_OPERATION).delete(DeleteStyle.AZURE_ASYNC_OPERATION).weakEtag()
            .defaults("""
                    {"properties":{"subnets":[],"virtualNetworkPeerings":[],"enableDdosProtection":false}}""")
            .sticky("properties.resourceGuid")
            .inlineChildren("subnets", "subnets")
            .behavior(new VirtualNetworkBehavior())
            .build();

    static final ResourceProfile SUBNET = ResourceProfile.of("Microsoft.Network/virtualNetworks/subnets")
            .apiVersions("2020-11-01")
            .put(PutStyle.AZURE_ASYNC_OPERATION).delete(DeleteStyle.AZURE_ASYNC_OPERATION).weakEtag().noLocation()
            .defaults("""
                    {"properties":{"delegations":[],"privateEndpointNetworkPolicies":"Disabled",
                     "privateLinkServiceNetworkPolicies":"Enabled"}}""")
            .behavior(new SubnetBehavior())
            .build();

    static final ResourceProfile NETWORK_SECURITY_GROUP =
            ResourceProfile.of("Microsoft.Network/networkSecurityGroups")
                    .apiVersions("2020-11-01")
                    .put(PutStyle.AZURE_ASYNC_OPERATION).delete(DeleteStyle.AZURE_ASYNC_OPERATION).weakEtag()
                    .defaults("""
                            {"properties":{"securityRules":[]}}""")
                    .sticky("properties.resourceGuid")
                    .behavior(new NetworkSecurityGroupBehavior())
                    .build();

    static final ResourceProfile PUBLIC_IP_ADDRESS = ResourceProfile.of("Microsoft.Network/publicIPAddresses")
            .apiVersions("2020-11-01")
            .put(PutStyle.AZURE_ASYNC_OPERATION).delete(DeleteStyle.AZURE_ASYNC_OPERATION).weakEtag()
            .defaults("""
                    {"sku":{"name":"Basic"},
                     "properties":{"publicIPAddressVersion":"IPv4","publicIPAllocationMethod":"Dynamic",
                                   "idleTimeoutInMinutes":4,"ipTags":[]}}""")
            .sticky("properties.resourceGuid", "properties.ipAddress")
            .behavior(new PublicIpAddressBehavior())
            .build();

    static final ResourceProfile STORAGE_ACCOUNT = ResourceProfile.of("Microsoft.Storage/storageAccounts")
            .apiVersions("2023-01-01")
            .put(PutStyle.LOCATION_ON_CREATE)
            .nameRule(ResourceProfiles::checkStorageAccountName)
            .defaults("""
                    {"kind":"StorageV2","tags":{},
                     "properties":{"allowCrossTenantReplication":false,"minimumTlsVersion":"TLS1_2",
                       "allowBlobPublicAccess":false,"supportsHttpsTrafficOnly":true,
                       "networkAcls":{"ipv6Rules":[],"bypass":"AzureServices","virtualNetworkRules":[],
                                      "ipRules":[],"defaultAction":"Allow"},
                       "encryption":{"services":{"file":{"keyType":"Account","enabled":true},
                                                 "blob":{"keyType":"Account","enabled":true}},
                                     "keySource":"Microsoft.Storage"},
                       "privateEndpointConnections":[]}}""")
            .sticky("properties.creationTime", "properties.keyCreationTime",
                    "properties.encryption.services.file.lastEnabledTime",
                    "properties.encryption.services.blob.lastEnabledTime")
            .action("listKeys", "2023-01-01", "2024-01-01")
            .action("regenerateKey", "2023-01-01", "2024-01-01")
            .behavior(new StorageAccountBehavior())
            .build();

    static final ResourceProfile USER_ASSIGNED_IDENTITY =
            ResourceProfile.of("Microsoft.ManagedIdentity/userAssignedIdentities")
                    .apiVersions("2023-01-31").put(PutStyle.SYNC_WITH_OWN_LOCATION)
                    .lowercaseResourceGroupsInIds().noProvisioningState()
                    .defaults("""
                            {"tags":{}}""")
                    .sticky("properties.tenantId", "properties.principalId", "properties.clientId")
                    .behavior(new UserAssignedIdentityBehavior())
                    .build();

    static final List<ResourceProfile> ALL = List.of(RESOURCE_GROUP, VIRTUAL_NETWORK, SUBNET,
            NETWORK_SECURITY_GROUP, PUBLIC_IP_ADDRESS, STORAGE_ACCOUNT, USER_ASSIGNED_IDENTITY);

    private static final Map<String, ResourceProfile> BY_TYPE = ALL.stream()
            .collect(Collectors.toMap(p -> p.type().toLowerCase(Locale.ROOT), Function.identity()));

    private ResourceProfiles() {
    }

    static Optional<ResourceProfile> find(String fullType) {
        return Optional.ofNullable(BY_TYPE.get(fullType.toLowerCase(Locale.ROOT)));
    }

    static boolean knowsNamespace(String namespace) {
        return ALL.stream().anyMatch(p -> p.namespace().equalsIgnoreCase(namespace));
    }

    private static void checkResourceGroupName(String name) {
        if (!RESOURCE_GROUP_NAME.matcher(name).matches() || name.endsWith(".")) {
            throw new ArmError(400, "InvalidResourceGroup", "The provided resource group name '" + name
                    + "' has invalid characters or length. The name can only be a letter, digit, '-', '.', "
                    + "'(', ')' or '_', at most 90 characters, and cannot end with '.'.");
        }
    }

    private static void checkStorageAccountName(String name) {
        if (!STORAGE_ACCOUNT_NAME.matcher(name).matches()) {
            throw new ArmError(400, "AccountNameInvalid", name + " is not a valid storage account name. Storage "
                    + "account name must be between 3 and 24 characters in length and use numbers and lower-case "
                    + "letters only.");
        }
    }
}
