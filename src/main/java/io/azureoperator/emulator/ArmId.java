package io.azureoperator.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The identity of a resource group or of a resource below one:
 * {@code /subscriptions/{sub}/resourceGroups/{rg}[/providers/{namespace}/{type}/{name}[/{childType}/{childName}]...]}.
 * IDs compare case-insensitively through {@link #key()}.
 */
record ArmId(String subscription, String resourceGroup, String namespace, List<String> types, List<String> names) {

    static final String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    ArmId {
        types = List.copyOf(types);
        names = List.copyOf(names);
    }

    static ArmId resourceGroup(String subscription, String resourceGroup) {
        return new ArmId(subscription, resourceGroup, null, List.of(), List.of());
    }

    /** Parses a full resource ID; throws IllegalArgumentException if it does not name a resource group or resource. */
    static ArmId parse(String id) {
        ArmPath path = ArmPath.parse(id);
        if (path.kind() != ArmPath.Kind.RESOURCE) {
            throw new IllegalArgumentException("Not an ARM resource ID: " + id);
        }
        return path.id();
    }

    boolean isResourceGroup() {
        return namespace == null;
    }

    /** Full type, e.g. {@code Microsoft.Network/virtualNetworks/subnets}. */
    String fullType() {
        return isResourceGroup() ? RESOURCE_GROUP_TYPE : namespace + "/" + String.join("/", types);
    }

    String name() {
        return isResourceGroup() ? resourceGroup : names.get(names.size() - 1);
    }

    /** The enclosing resource (or the resource group for a top-level resource); null for a resource group. */
    ArmId parent() {
        if (isResourceGroup()) {
            return null;
        }
        if (types.size() == 1) {
            return resourceGroupId();
        }
        return new ArmId(subscription, resourceGroup, namespace, types.subList(0, types.size() - 1),
                names.subList(0, names.size() - 1));
    }

    ArmId resourceGroupId() {
        return resourceGroup(subscription, resourceGroup);
    }

    ArmId child(String type, String name) {
        List<String> t = new ArrayList<>(types);
        List<String> n = new ArrayList<>(names);
        t.add(type);
        n.add(name);
        return new ArmId(subscription, resourceGroup, namespace, t, n);
    }

    /** The same ID with namespace and type segments in the given canonical casing (e.g. from a profile). */
    ArmId withCanonicalType(String canonicalFullType) {
        if (isResourceGroup()) {
            return this;
        }
        String[] parts = canonicalFullType.split("/");
        return new ArmId(subscription, resourceGroup, parts[0], List.of(parts).subList(1, parts.length), names);
    }

    /** The ID as a string, using {@code resourceGroupsSegment} ("resourceGroups" or "resourcegroups"). */
    String format(String resourceGroupsSegment) {
        StringBuilder sb = new StringBuilder("/subscriptions/").append(subscription)
                .append('/').append(resourceGroupsSegment).append('/').append(resourceGroup);
        if (!isResourceGroup()) {
            sb.append("/providers/").append(namespace);
            for (int i = 0; i < types.size(); i++) {
                sb.append('/').append(types.get(i)).append('/').append(names.get(i));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format("resourceGroups");
    }

    /** Case-insensitive identity used as the store key. */
    String key() {
        return format("resourcegroups").toLowerCase(Locale.ROOT);
    }
}
