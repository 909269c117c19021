package io.azureoperator.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A request path, parsed: a discovery document, or a resource path {@code /api/v1/...} or
 * {@code /apis/{group}/{version}/...} with {@code [namespaces/{ns}/]{plural}[/{name}[/{subresource}]]}.
 *
 * @param namespace null when the path names none (cluster-scoped types, or all namespaces)
 * @param name      null for a collection
 */
record ApiPath(Kind kind, String group, String version, String namespace, String plural, String name,
               String subresource) {

    enum Kind { VERSION, CORE_VERSIONS, GROUPS, GROUP, RESOURCE_LIST, RESOURCE, UNKNOWN }

    static ApiPath parse(String rawPath) {
        List<String> s = Arrays.stream(rawPath.split("/")).filter(x -> !x.isEmpty())
                .map(x -> URLDecoder.decode(x.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
        if (s.equals(List.of("version"))) {
            return of(Kind.VERSION, null, null);
        }
        if (s.equals(List.of("api"))) {
            return of(Kind.CORE_VERSIONS, null, null);
        }
        if (s.equals(List.of("apis"))) {
            return of(Kind.GROUPS, null, null);
        }
        if (s.size() == 2 && s.get(0).equals("apis")) {
            return of(Kind.GROUP, s.get(1), null);
        }
        if (s.size() == 2 && s.get(0).equals("api")) {
            return of(Kind.RESOURCE_LIST, "", s.get(1));
        }
        if (s.size() == 3 && s.get(0).equals("apis")) {
            return of(Kind.RESOURCE_LIST, s.get(1), s.get(2));
        }
        if (s.size() > 2 && s.get(0).equals("api")) {
            return resource("", s.get(1), s.subList(2, s.size()));
        }
        if (s.size() > 3 && s.get(0).equals("apis")) {
            return resource(s.get(1), s.get(2), s.subList(3, s.size()));
        }
        return of(Kind.UNKNOWN, null, null);
    }

    private static ApiPath resource(String group, String version, List<String> rest) {
        // namespaces/{ns}/{plural}/...: a namespaced path, unless it is a namespace's own subresource
        if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !rest.get(2).equals("status")
                && !rest.get(2).equals("finalize")) {
            return at(group, version, rest.get(1), rest.subList(2, rest.size()));
        }
        return at(group, version, null, rest);
    }

    private static ApiPath at(String group, String version, String namespace, List<String> rest) {
        if (rest.size() > 3) {
            return of(Kind.UNKNOWN, null, null);
        }
        return new ApiPath(Kind.RESOURCE, group, version, namespace, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
                rest.size() > 2 ? rest.get(2) : null);
    }

    private static ApiPath of(Kind kind, String group, String version) {
        return new ApiPath(kind, group, version, null, null, null, null);
    }
}
