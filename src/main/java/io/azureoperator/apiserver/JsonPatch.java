package io.azureoperator.apiserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** JSON patch (RFC 6902): add, remove, replace, move, copy and test, with JSON pointers (RFC 6901). */
final class JsonPatch {
    private JsonPatch() {
    }

    /** The patched copy of {@code document}; a patch that does not apply is refused (422), a malformed one (400). */
    static JsonObject apply(JsonObject document, JsonArray operations) {
        Object root = document.copy();
        for (Object o : operations) {
            if (!(o instanceof JsonObject op)) {
                throw StatusBodies.badRequest("json patch operations must be objects: " + o);
            }
            root = applyOne(root, op);
        }
        if (!(root instanceof JsonObject result)) {
            throw failed("the patched document is not an object");
        }
        return result;
    }

    private static Object applyOne(Object root, JsonObject op) {
        String name = op.getString("op");
        List<String> path = pointer(required(op, "path"));
        return switch (name == null ? "" : name) {
            case "add" -> add(root, path, MergePatch.copy(value(op)));
            case "remove" -> remove(root, path);
            case "replace" -> {
                get(root, path, "replace");
                yield add(remove(root, path), path, MergePatch.copy(value(op)));
            }
            case "move" -> {
                List<String> from = pointer(required(op, "from"));
                if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
                    throw failed("move: the location \"" + required(op, "path") + "\" is inside \""
                            + required(op, "from") + "\"");
                }
                Object value = get(root, from, "move");
                yield add(remove(root, from), path, value);
            }
            case "copy" -> add(root, path, MergePatch.copy(get(root, pointer(required(op, "from")), "copy")));
            case "test" -> {
                Object actual = get(root, path, "test");
                if (!new JsonArray().add(actual).equals(new JsonArray().add(value(op)))) {
                    throw failed("testing value " + required(op, "path") + " failed");
                }
                yield root;
            }
            default -> throw StatusBodies.badRequest("unknown json patch operation: \"" + name + "\"");
        };
    }

    private static Object add(Object root, List<String> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object parent = get(root, path.subList(0, path.size() - 1), "add");
        String last = path.get(path.size() - 1);
        if (parent instanceof JsonObject o) {
            o.put(last, value);
        } else if (parent instanceof JsonArray a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.getList().add(index(a, last, true), value);
            }
        } else {
            throw failed("add: the parent of " + String.join("/", path) + " is not an object or array");
        }
        return root;
    }

    private static Object remove(Object root, List<String> path) {
        if (path.isEmpty()) {
            throw failed("remove: cannot remove the whole document");
        }
        Object parent = get(root, path.subList(0, path.size() - 1), "remove");
        String last = path.get(path.size() - 1);
        if (parent instanceof JsonObject o && o.containsKey(last)) {
            o.remove(last);
        } else if (parent instanceof JsonArray a) {
            a.remove(index(a, last, false));
        } else {
            throw failed("remove operation does not apply: doc is missing path: /" + String.join("/", path));
        }
        return root;
    }

    private static Object get(Object root, List<String> path, String op) {
        Object at = root;
        for (String token : path) {
            if (at instanceof JsonObject o && o.containsKey(token)) {
                at = o.getValue(token);
            } else if (at instanceof JsonArray a) {
                at = a.getValue(index(a, token, false));
            } else {
                throw failed(op + " operation does not apply: doc is missing path: /" + String.join("/", path));
            }
        }
        return at;
    }

    private static int index(JsonArray a, String token, boolean forAdd) {
        if (!token.matches("0|[1-9][0-9]*")) {
            throw failed("invalid array index: " + token);
        }
        int i = Integer.parseInt(token);
        if (i > a.size() || (!forAdd && i == a.size())) {
            throw failed("array index out of bounds: " + i);
        }
        return i;
    }

    /** RFC 6901: {@code ""} is the whole document; {@code ~1} is {@code /} and {@code ~0} is {@code ~}. */
    static List<String> pointer(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (!pointer.startsWith("/")) {
            throw StatusBodies.badRequest("invalid json pointer: \"" + pointer + "\"");
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String required(JsonObject op, String field) {
        Object v = op.getValue(field);
        if (!(v instanceof String s)) {
            throw StatusBodies.badRequest("json patch operation " + op.encode() + " needs \"" + field + "\"");
        }
        return s;
    }

    private static Object value(JsonObject op) {
        if (!op.containsKey("value")) {
            throw StatusBodies.badRequest("json patch operation " + op.encode() + " needs \"value\"");
        }
        return op.getValue("value");
    }

    private static ApiException failed(String message) {
        return new ApiException(StatusBodies.status(422, "Invalid", "the server rejected our request due to an "
                + "error in our request: " + message));
    }
}
