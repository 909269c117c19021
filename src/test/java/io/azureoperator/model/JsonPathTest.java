package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    @Test
    void getPicksAnArrayItemByField() {
        JsonObject keys = new JsonObject("{\"keys\":[{\"keyName\":\"key1\",\"value\":\"a\"},"
                + "{\"keyName\":\"key2\",\"value\":\"b\"}]}");
        assertThat(JsonPath.get(keys, "keys[keyName=key2].value")).contains("b");
        assertThat(JsonPath.get(keys, "keys[keyName=key3].value")).isEmpty();
    }

    @Test
    void setMakesTheObjectsOnTheWayAndNullRemoves() {
        JsonObject root = new JsonObject();
        JsonPath.set(root, "a.b.c", 1);
        assertThat(root).isEqualTo(new JsonObject("{\"a\":{\"b\":{\"c\":1}}}"));
        JsonPath.set(root, "a.b.c", null);
        assertThat(root).isEqualTo(new JsonObject("{\"a\":{\"b\":{}}}"));
        JsonPath.set(root, "x.y", null);
        assertThat(root.containsKey("x")).as("nothing made to remove nothing").isFalse();
    }
}
