package io.azureoperator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An Azure Resource Manager resource ID: a subscription, optionally a resource group, optionally
 * a provider namespace with one or more type/name pairs. IDs compare case-insensitively, as ARM does.
 */
public final class ArmId {
    public static final String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    private final String subscriptionId;
    private final String resourceGroup;
    private final String provider;
    private final List<TypeName> children;

    /** One {@code type/name} step under a provider namespace. */
    public record TypeName(String type, String name) {
    }

    private ArmId(String subscriptionId, String resourceGroup, String provider, List<TypeName> children) {
        this.subscriptionId = subscriptionId;
        this.resourceGroup = resourceGroup;
        this.provider = provider;
        this.children = List.copyOf(children);
    }

    public static ArmId subscription(String subscriptionId) {
        requireName(subscriptionId, "subscription ID");
        return new ArmId(subscriptionId, null, null, List.of());
    }

    /** Parses an ID such as {@code /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v}. */
    public static ArmId parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("ARM ID must start with /subscriptions/: '" + text + "'");
        }
        String[] p = text.substring(1).split("/", -1);
        if (p.length < 2 || !p[0].equalsIgnoreCase("subscriptions")) {
            throw new IllegalArgumentException("ARM ID must start with /subscriptions/{id}: '" + text + "'");
        }
        for (String segment : p) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("ARM ID has an empty segment: '" + text + "'");
            }
        }
        ArmId id = subscription(p[1]);
        int i = 2;
        if (i == p.length) {
            return id;
        }
        if (!p[i].equalsIgnoreCase("resourceGroups") || i + 1 >= p.length) {
            throw new IllegalArgumentException("expected /resourceGroups/{name} after the subscription: '" + text + "'");
        }
        id = id.child(RESOURCE_GROUP_TYPE, p[i + 1]);
        i += 2;
        if (i == p.length) {
            return id;
        }
        if (!p[i].equalsIgnoreCase("providers") || p.length - i < 4) {
            throw new IllegalArgumentException("expected /providers/{namespace}/{type}/{name}: '" + text + "'");
        }
        String namespace = p[i + 1];
        i += 2;
        if ((p.length - i) % 2 != 0) {
            throw new IllegalArgumentException("ARM ID has a type without a name: '" + text + "'");
        }
        List<TypeName> steps = new ArrayList<>();
        for (; i < p.length; i += 2) {
            requireName(p[i + 1], "resource name");
            steps.add(new TypeName(p[i], p[i + 1]));
        }
        return new ArmId(id.subscriptionId, id.resourceGroup, namespace, steps);
    }

    public static Optional<ArmId> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The ID of a resource of {@code armType} named {@code name} directly under this one.
     *
     * @throws IllegalArgumentException when the type cannot live under this ID or the name is not allowed
     */
    public ArmId child(String armType, String name) {
        requireName(name, "name");
        String[] t = armType.split("/");
        if (armType.equalsIgnoreCase(RESOURCE_GROUP_TYPE)) {
            if (resourceGroup != null) {
                throw new IllegalArgumentException("a resource group must be owned by a subscription, not " + this);
            }
            return new ArmId(subscriptionId, name, null, List.of());
        }
        if (t.length < 2) {
            throw new IllegalArgumentException("'" + armType + "' is not an ARM type like Namespace/type");
        }
        if (resourceGroup == null) {
            throw new IllegalArgumentException(armType + " must be owned by a resource group, not " + this);
        }
        if (provider == null) {
            if (t.length != 2) {
                throw new IllegalArgumentException(armType + " cannot be owned by a resource group; its owner is a "
                        + armType.substring(0, armType.lastIndexOf('/')));
            }
            return new ArmId(subscriptionId, resourceGroup, t[0], List.of(new TypeName(t[1], name)));
        }
        String parentType = resourceType();
        if (t.length != children.size() + 2
                || !armType.toLowerCase(Locale.ROOT).startsWith(parentType.toLowerCase(Locale.ROOT) + "/")) {
            throw new IllegalArgumentException(armType + " cannot be owned by a " + parentType);
        }
        List<TypeName> steps = new ArrayList<>(children);
        steps.add(new TypeName(t[t.length - 1], name));
        return new ArmId(subscriptionId, resourceGroup, provider, steps);
    }

    /** The ID this one lives under: a resource's parent, a resource group's subscription. */
    public Optional<ArmId> parent() {
        if (children.size() > 1) {
            return Optional.of(new ArmId(subscriptionId, resourceGroup, provider, children.subList(0, children.size() - 1)));
        }
        if (children.size() == 1) {
            return Optional.of(new ArmId(subscriptionId, resourceGroup, null, List.of()));
        }
        if (resourceGroup != null) {
            return Optional.of(new ArmId(subscriptionId, null, null, List.of()));
        }
        return Optional.empty();
    }

    /** The ARM type this ID names, e.g. {@code Microsoft.Network/virtualNetworks/subnets}. */
    public String resourceType() {
        if (provider == null) {
            return resourceGroup == null ? "Microsoft.Resources/subscriptions" : RESOURCE_GROUP_TYPE;
        }
        StringBuilder b = new StringBuilder(provider);
        children.forEach(c -> b.append('/').append(c.type()));
        return b.toString();
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public Optional<String> resourceGroup() {
        return Optional.ofNullable(resourceGroup);
    }

    /** The last name in the ID (the resource's own name). */
    public String name() {
        if (!children.isEmpty()) {
            return children.get(children.size() - 1).name();
        }
        return resourceGroup != null ? resourceGroup : subscriptionId;
    }

    /** The path segments, unescaped, in order; a client escapes each when it builds a URL. */
    public List<String> segments() {
        List<String> s = new ArrayList<>(List.of("subscriptions", subscriptionId));
        if (resourceGroup != null) {
            s.add("resourceGroups");
            s.add(resourceGroup);
        }
        if (provider != null) {
            s.add("providers");
            s.add(provider);
            children.forEach(c -> {
                s.add(c.type());
                s.add(c.name());
            });
        }
        return s;
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmId other && folded().equals(other.folded());
    }

    @Override
    public int hashCode() {
        return folded().hashCode();
    }

    /** The case-folded form equals and hashCode both use, so they always agree (equalsIgnoreCase does not). */
    private String folded() {
        return toString().toLowerCase(Locale.ROOT);
    }

    private static void requireName(String name, String what) {
        ArmNames.problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " '" + name + "' " + problem);
        });
    }
}
