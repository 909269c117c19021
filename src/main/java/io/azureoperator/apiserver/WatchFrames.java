package io.azureoperator.apiserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The messages of a watch: {@code {"type":..,"object":{..}}}, built around the stored bytes without parsing them. */
final class WatchFrames {
    /** The annotation a BOOKMARK carries when it ends the initial events of {@code sendInitialEvents=true}. */
    static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    private WatchFrames() {
    }

    static Buffer event(String type, StoredObject object) {
        return Buffer.buffer(object.bytes().length + 32).appendString("{\"type\":\"").appendString(type)
                .appendString("\",\"object\":").appendBytes(object.bytes()).appendString("}");
    }

    static Buffer bookmark(ApiType type, long resourceVersion, boolean initialEventsEnd) {
        JsonObject meta = new JsonObject().put("resourceVersion", Long.toString(resourceVersion));
        if (initialEventsEnd) {
            meta.put("annotations", new JsonObject().put(INITIAL_EVENTS_END, "true"));
        }
        return frame("BOOKMARK", new JsonObject().put("kind", type.kind()).put("apiVersion", type.apiVersion())
                .put("metadata", meta));
    }

    static Buffer error(JsonObject status) {
        return frame("ERROR", status);
    }

    /** Any event, as a test knob sends it ({@link InMemoryApiServer#endWatches}). */
    static Buffer event(String type, JsonObject object) {
        return frame(type, object);
    }

    private static Buffer frame(String type, JsonObject object) {
        return new JsonObject().put("type", type).put("object", object).toBuffer();
    }
}
