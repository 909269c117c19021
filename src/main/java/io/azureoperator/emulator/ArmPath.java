package io.azureoperator.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a request path addresses. Path words ({@code subscriptions}, {@code resourceGroups}, {@code providers}...)
 * match case-insensitively, as in ARM.
 *
 * <ul>
 *   <li>{@code RESOURCE}: a resource group or a resource ({@link #id()})</li>
 *   <li>{@code COLLECTION}: {@link #id()} is the parent (resource group or resource), {@link #lastSegment()} the
 *       child type (for GET lists) or action name (for POST actions such as {@code listKeys})</li>
 *   <li>{@code RESOURCE_GROUP_LIST}: {@code /subscriptions/{sub}/resourcegroups}</li>
 *   <li>{@code SUBSCRIPTION_COLLECTION}: {@code /subscriptions/{sub}/providers/{namespace}/{type}}</li>
 *   <li>{@code PROVIDER_OPERATION}: {@code /subscriptions/{sub}/providers/{ns}/locations/{loc}/{kind}/{opId}}</li>
 *   <li>{@code RESOURCE_GROUP_OPERATION}: {@code /subscriptions/{sub}/operationresults/{opId}}</li>
 * </ul>
 */
record ArmPath(Kind kind, String subscription, ArmId id, String namespace, String lastSegment, String location,
               String operationKind, String operationId) {

    enum Kind {
        RESOURCE, COLLECTION, RESOURCE_GROUP_LIST, SUBSCRIPTION_COLLECTION, PROVIDER_OPERATION,
        RESOURCE_GROUP_OPERATION, UNKNOWN
    }

    static ArmPath parse(String path) {
        List<String> s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        if (s.size() < 3 || !is(s.get(0), "subscriptions")) {
            return unknown();
        }
        String sub = s.get(1);
        if (is(s.get(2), "resourceGroups")) {
            return parseUnderResourceGroups(sub, s);
        }
        if (is(s.get(2), "operationresults") && s.size() == 4) {
            return new ArmPath(Kind.RESOURCE_GROUP_OPERATION, sub, null, null, null, null, "operationresults", s.get(3));
        }
        if (is(s.get(2), "providers") && s.size() >= 5) {
            String ns = s.get(3);
            if (s.size() == 5) {
                return new ArmPath(Kind.SUBSCRIPTION_COLLECTION, sub, null, ns, s.get(4), null, null, null);
            }
            if (s.size() == 8 && is(s.get(4), "locations")) {
                return new ArmPath(Kind.PROVIDER_OPERATION, sub, null, ns, null, s.get(5), s.get(6), s.get(7));
            }
        }
        return unknown();
    }

    private static ArmPath parseUnderResourceGroups(String sub, List<String> s) {
        if (s.size() == 3) {
            return new ArmPath(Kind.RESOURCE_GROUP_LIST, sub, null, null, null, null, null, null);
        }
        ArmId rg = ArmId.resourceGroup(sub, s.get(3));
        if (s.size() == 4) {
            return new ArmPath(Kind.RESOURCE, sub, rg, null, null, null, null, null);
        }
        if (s.size() < 7 || !is(s.get(4), "providers")) {
            return unknown();
        }
        String ns = s.get(5);
        List<String> rest = s.subList(6, s.size());
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            types.add(rest.get(i));
            names.add(rest.get(i + 1));
        }
        if (rest.size() % 2 == 0) {
            return new ArmPath(Kind.RESOURCE, sub, new ArmId(sub, rg.resourceGroup(), ns, types, names), ns,
                    null, null, null, null);
        }
        ArmId parent = types.isEmpty() ? rg : new ArmId(sub, rg.resourceGroup(), ns, types, names);
        return new ArmPath(Kind.COLLECTION, sub, parent, ns, rest.get(rest.size() - 1), null, null, null);
    }

    private static ArmPath unknown() {
        return new ArmPath(Kind.UNKNOWN, null, null, null, null, null, null, null);
    }

    private static boolean is(String segment, String word) {
        return segment.equalsIgnoreCase(word);
    }
}
