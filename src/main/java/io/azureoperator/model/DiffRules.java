package io.azureoperator.model;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the drift diff ({@link Drift}) must ignore or normalise for one ARM resource type. Pure data; the
 * built-in sets come from the observations in {@code arm-fixtures/README.md} ("What a diff must ignore or
 * normalise").
 *
 * <p>Paths are dot-separated property names from the top of the ARM body, {@code []} marks "any item of
 * this array" and {@code *} matches any one property name, e.g.
 * {@code properties.securityRules[].properties.priority} or {@code properties.encryption.services.*.lastEnabledTime}.
 *
 * @param ignored           paths whose whole subtree is never compared (read-only, status, or managed elsewhere)
 * @param readOnlyKeys      property names ignored at any depth (etag, provisioningState...)
 * @param caseInsensitive   string paths that are enums or names ARM re-cases ("Standard_LRS" vs "standard_lrs")
 * @param locations         string paths holding an Azure region ("West US 2" equals "westus2")
 * @param arrayKeys         array path to the item field that identifies an item (default: {@code name}
 *                          when every desired item has one); such arrays match items by key, not position
 * @param orderedArrays     scalar arrays whose order matters (default: scalar arrays compare as multisets)
 * @param exactMaps         objects whose keys are managed as a whole: a key present in Azure but not in the
 *                          desired object is drift (tags)
 * @param blankEqualsAbsent string paths where a desired {@code ""} equals an absent value in Azure
 */
public record DiffRules(
        Set<String> ignored,
        Set<String> readOnlyKeys,
        Set<String> caseInsensitive,
        Set<String> locations,
        Map<String, String> arrayKeys,
        Set<String> orderedArrays,
        Set<String> exactMaps,
        Set<String> blankEqualsAbsent) {

    public static final String RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups";
    public static final String VIRTUAL_NETWORKS = "Microsoft.Network/virtualNetworks";
    public static final String SUBNETS = "Microsoft.Network/virtualNetworks/subnets";
    public static final String NETWORK_SECURITY_GROUPS = "Microsoft.Network/networkSecurityGroups";
    public static final String SECURITY_RULES = "Microsoft.Network/networkSecurityGroups/securityRules";
    public static final String PUBLIC_IP_ADDRESSES = "Microsoft.Network/publicIPAddresses";
    public static final String STORAGE_ACCOUNTS = "Microsoft.Storage/storageAccounts";
    public static final String USER_ASSIGNED_IDENTITIES = "Microsoft.ManagedIdentity/userAssignedIdentities";

    public DiffRules {
        ignored = Set.copyOf(ignored);
        readOnlyKeys = Set.copyOf(readOnlyKeys);
        caseInsensitive = Set.copyOf(caseInsensitive);
        locations = Set.copyOf(locations);
        arrayKeys = Map.copyOf(arrayKeys);
        orderedArrays = Set.copyOf(orderedArrays);
        exactMaps = Set.copyOf(exactMaps);
        blankEqualsAbsent = Set.copyOf(blankEqualsAbsent);
    }

    /** Rules every type shares: envelope identity fields, status keys, tags, sku/kind casing, location. */
    private static final DiffRules COMMON = new DiffRules(
            Set.of("id", "name", "type", "identity.principalId", "identity.tenantId"),
            Set.of("etag", "provisioningState", "resourceGuid", "systemData"),
            Set.of("sku.name", "sku.tier", "kind", "identity.type"),
            Set.of("location"),
            Map.of(),
            Set.of(),
            Set.of("tags", "identity.userAssignedIdentities"),
            Set.of());

    private static final String RULE = "properties.securityRules[].properties.";
    private static final List<String> RULE_ENUMS = List.of("protocol", "access", "direction");
    private static final List<String> RULE_SINGULARS = List.of("sourcePortRange", "destinationPortRange",
            "sourceAddressPrefix", "destinationAddressPrefix", "description");

    private static final Map<String, DiffRules> BUILT_IN = new ConcurrentHashMap<>();

    static {
        register(RESOURCE_GROUPS, COMMON);
        register(VIRTUAL_NETWORKS, COMMON
                // subnets and peerings are their own resources (VirtualNetworksSubnet...); their GET shows up
                // here with read-only back-references. Use withoutIgnored("properties.subnets") for inline subnets.
                .withIgnored("properties.subnets", "properties.virtualNetworkPeerings",
                        "properties.subnets[].properties.ipConfigurations",
                        "properties.subnets[].properties.delegations[].properties.actions")
                .withCaseInsensitive("properties.subnets[].properties.privateEndpointNetworkPolicies",
                        "properties.subnets[].properties.privateLinkServiceNetworkPolicies",
                        "properties.subnets[].properties.delegations[].properties.serviceName")
                // the first DNS server is the primary: another order is another configuration
                .withOrderedArrays("properties.dhcpOptions.dnsServers"));
        register(SUBNETS, COMMON
                .withIgnored("properties.ipConfigurations", "properties.ipConfigurationProfiles",
                        "properties.privateEndpoints", "properties.resourceNavigationLinks",
                        "properties.serviceAssociationLinks", "properties.purpose",
                        "properties.delegations[].properties.actions")
                .withCaseInsensitive("properties.privateEndpointNetworkPolicies",
                        "properties.privateLinkServiceNetworkPolicies",
                        "properties.delegations[].properties.serviceName")
                .withArrayKey("properties.serviceEndpoints", "service"));
        DiffRules nsg = COMMON
                .withIgnored("properties.defaultSecurityRules", "properties.networkInterfaces",
                        "properties.subnets", "properties.flowLogs");
        for (String f : RULE_ENUMS) {
            nsg = nsg.withCaseInsensitive(RULE + f);
        }
        for (String f : RULE_SINGULARS) {
            nsg = nsg.withBlankEqualsAbsent(RULE + f);
        }
        register(NETWORK_SECURITY_GROUPS, nsg);
        DiffRules rule = COMMON;
        for (String f : RULE_ENUMS) {
            rule = rule.withCaseInsensitive("properties." + f);
        }
        for (String f : RULE_SINGULARS) {
            rule = rule.withBlankEqualsAbsent("properties." + f);
        }
        register(SECURITY_RULES, rule);
        register(PUBLIC_IP_ADDRESSES, COMMON
                .withIgnored("properties.ipAddress", "properties.ipConfiguration")
                .withCaseInsensitive("properties.publicIPAllocationMethod", "properties.publicIPAddressVersion",
                        "properties.ddosSettings.protectionCoverage"));
        register(STORAGE_ACCOUNTS, COMMON
                .withIgnored("properties.primaryEndpoints", "properties.secondaryEndpoints",
                        "properties.primaryLocation", "properties.secondaryLocation",
                        "properties.statusOfPrimary", "properties.statusOfSecondary",
                        "properties.creationTime", "properties.keyCreationTime", "properties.lastGeoFailoverTime",
                        "properties.geoReplicationStats", "properties.isSkuConversionBlocked",
                        "properties.accountMigrationInProgress", "properties.privateEndpointConnections",
                        "properties.encryption.services.*.lastEnabledTime", "properties.blobRestoreStatus")
                .withCaseInsensitive("properties.accessTier", "properties.minimumTlsVersion",
                        "properties.publicNetworkAccess", "properties.largeFileSharesState",
                        "properties.allowedCopyScope", "properties.dnsEndpointType",
                        "properties.routingPreference.routingChoice",
                        "properties.networkAcls.bypass", "properties.networkAcls.defaultAction",
                        "properties.networkAcls.ipRules[].action",
                        "properties.networkAcls.virtualNetworkRules[].action",
                        "properties.encryption.keySource", "properties.encryption.services.*.keyType")
                .withArrayKey("properties.networkAcls.ipRules", "value")
                .withArrayKey("properties.networkAcls.virtualNetworkRules", "id"));
        register(USER_ASSIGNED_IDENTITIES, COMMON
                .withIgnored("properties.tenantId", "properties.principalId", "properties.clientId"));
    }

    private static void register(String armType, DiffRules rules) {
        BUILT_IN.put(armType.toLowerCase(Locale.ROOT), rules);
    }

    /** The rules every type shares; what {@link #forType} returns for a type it does not know. */
    public static DiffRules defaults() {
        return COMMON;
    }

    /** Built-in rules for an ARM type such as {@code Microsoft.Network/virtualNetworks} (case-insensitive). */
    public static DiffRules forType(String armType) {
        if (armType == null) {
            return COMMON;
        }
        return BUILT_IN.getOrDefault(armType.toLowerCase(Locale.ROOT), COMMON);
    }

    public DiffRules withIgnored(String... paths) {
        return new DiffRules(plus(ignored, paths), readOnlyKeys, caseInsensitive, locations, arrayKeys,
                orderedArrays, exactMaps, blankEqualsAbsent);
    }

    /** Compares a subtree the built-in rules ignore, e.g. inline {@code properties.subnets}. */
    public DiffRules withoutIgnored(String path) {
        Set<String> rest = new LinkedHashSet<>(ignored);
        rest.remove(path);
        return new DiffRules(rest, readOnlyKeys, caseInsensitive, locations, arrayKeys, orderedArrays, exactMaps,
                blankEqualsAbsent);
    }

    public DiffRules withCaseInsensitive(String... paths) {
        return new DiffRules(ignored, readOnlyKeys, plus(caseInsensitive, paths), locations, arrayKeys,
                orderedArrays, exactMaps, blankEqualsAbsent);
    }

    public DiffRules withArrayKey(String arrayPath, String keyField) {
        Map<String, String> keys = new LinkedHashMap<>(arrayKeys);
        keys.put(arrayPath, keyField);
        return new DiffRules(ignored, readOnlyKeys, caseInsensitive, locations, keys, orderedArrays, exactMaps,
                blankEqualsAbsent);
    }

    public DiffRules withOrderedArrays(String... paths) {
        return new DiffRules(ignored, readOnlyKeys, caseInsensitive, locations, arrayKeys,
                plus(orderedArrays, paths), exactMaps, blankEqualsAbsent);
    }

    public DiffRules withBlankEqualsAbsent(String... paths) {
        return new DiffRules(ignored, readOnlyKeys, caseInsensitive, locations, arrayKeys, orderedArrays,
                exactMaps, plus(blankEqualsAbsent, paths));
    }

    private static Set<String> plus(Set<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
