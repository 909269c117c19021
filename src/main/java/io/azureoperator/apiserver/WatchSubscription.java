package io.azureoperator.apiserver;

import java.util.function.Predicate;

/**
 * One open watch: which objects it sees (namespace, selectors) and its stream. An update that moves an object
 * into the selection reaches it as ADDED, one that moves it out as DELETED, as on a real API server.
 */
final class WatchSubscription {
    private final ApiType type;
    private final String namespace;
    private final Predicate<StoredObject> selector;
    private final boolean bookmarks;
    private final WatchStream stream;

    /** @param namespace null for every namespace */
    WatchSubscription(ApiType type, String namespace, Predicate<StoredObject> selector, boolean bookmarks,
                      WatchStream stream) {
        this.type = type;
        this.namespace = namespace;
        this.selector = selector;
        this.bookmarks = bookmarks;
        this.stream = stream;
    }

    WatchStream stream() {
        return stream;
    }

    boolean sees(StoredObject o) {
        return (namespace == null || namespace.equals(o.namespace())) && selector.test(o);
    }

    void offer(WatchEvent e) {
        boolean was = e.previous() != null && sees(e.previous());
        boolean is = sees(e.object());
        String sent = switch (e.type()) {
            case WatchEvent.ADDED -> is ? WatchEvent.ADDED : null;
            case WatchEvent.DELETED -> was || is ? WatchEvent.DELETED : null;
            default -> was && is ? WatchEvent.MODIFIED : is ? WatchEvent.ADDED : was ? WatchEvent.DELETED : null;
        };
        if (sent != null) {
            stream.send(WatchFrames.event(sent, e.object()));
        }
    }

    void added(StoredObject o) {
        if (sees(o)) {
            stream.send(WatchFrames.event(WatchEvent.ADDED, o));
        }
    }

    void bookmark(long resourceVersion) {
        if (bookmarks) {
            stream.send(WatchFrames.bookmark(type, resourceVersion, false));
        }
    }

    void initialEventsEnd(long resourceVersion) {
        stream.send(WatchFrames.bookmark(type, resourceVersion, true));
    }
}
