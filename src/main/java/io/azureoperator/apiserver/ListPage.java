package io.azureoperator.apiserver;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a LIST, ordered by {@code namespace/name}. With {@code limit}, the continue token carries the list's
 * resourceVersion and the last key returned: the next page holds the objects after that key as they are when it
 * is asked for (a real API server serves every page from the first page's snapshot; changes in between reach
 * an informer anyway, through the watch it starts from that resourceVersion).
 */
record ListPage(List<StoredObject> items, long resourceVersion, String continueToken, long remaining) {

    static ListPage of(ObjectStore.Snapshot snapshot, int limit, String continueToken) {
        long version = snapshot.resourceVersion();
        String after = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            String decoded = decode(continueToken);
            int cut = decoded.indexOf('\n');
            version = ObjectStore.parseVersion(decoded.substring(0, cut));
            after = decoded.substring(cut + 1);
        }
        List<StoredObject> items = new ArrayList<>(snapshot.items().size());
        for (StoredObject o : snapshot.items()) {
            if (after == null || o.key().compareTo(after) > 0) {
                items.add(o);
            }
        }
        items.sort(Comparator.comparing(StoredObject::key));
        if (limit <= 0 || items.size() <= limit) {
            return new ListPage(items, version, null, 0);
        }
        List<StoredObject> page = items.subList(0, limit);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (version + "\n" + page.get(limit - 1).key()).getBytes(StandardCharsets.UTF_8));
        return new ListPage(List.copyOf(page), version, token, items.size() - limit);
    }

    /** {@code {"kind":"XList","apiVersion":..,"metadata":{..},"items":[..]}}, the items' stored bytes as they are. */
    Buffer encode(ApiType type) {
        int size = 160;
        for (StoredObject o : items) {
            size += o.bytes().length + 1;
        }
        Buffer b = Buffer.buffer(size).appendString("{\"kind\":\"").appendString(type.listKind())
                .appendString("\",\"apiVersion\":\"").appendString(type.apiVersion())
                .appendString("\",\"metadata\":{\"resourceVersion\":\"").appendString(Long.toString(resourceVersion))
                .appendString("\"");
        if (continueToken != null) {
            b.appendString(",\"continue\":\"").appendString(continueToken).appendString("\",\"remainingItemCount\":")
                    .appendString(Long.toString(remaining));
        }
        b.appendString("},\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.appendString(",");
            }
            b.appendBytes(items.get(i).bytes());
        }
        return b.appendString("]}");
    }

    private static String decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.indexOf('\n') > 0) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw StatusBodies.badRequest("continue key is not valid: " + token);
    }
}
