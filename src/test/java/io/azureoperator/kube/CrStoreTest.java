package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrStoreTest {

    @Test
    void aCopyToWriteLeavesTheCachedResourceAsItWas() {
        GenericKubernetesResource cached = Serialization.unmarshal("""
                {"apiVersion": "resources.azure.com/v1api20200601", "kind": "ResourceGroup",
                 "metadata": {"name": "rg", "namespace": "default", "resourceVersion": "7",
                              "annotations": {"a": "1"}, "finalizers": ["f"], "labels": {"l": "1"},
                              "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "o", "uid": "u"}]},
                 "spec": {"location": "westus2", "tags": {"env": "test"}},
                 "status": {"conditions": []}}""", GenericKubernetesResource.class);
        String before = Serialization.asJson(cached);

        GenericKubernetesResource copy = CrStore.copy(cached);
        copy.getMetadata().getAnnotations().put("b", "2");
        copy.getMetadata().getFinalizers().add("g");
        copy.getMetadata().getLabels().put("m", "2");
        copy.getMetadata().getOwnerReferences().clear();
        copy.getMetadata().setResourceVersion("8");
        copy.getAdditionalProperties().put("status", Map.of("conditions", List.of("new")));

        assertThat(Serialization.asJson(cached)).isEqualTo(before);
        assertThat(Serialization.asJson(copy)).contains("\"b\":\"2\"", "\"g\"", "\"westus2\"", "\"new\"");
        assertThat(copy.getKind()).isEqualTo("ResourceGroup");
        assertThat(copy.getApiVersion()).isEqualTo("resources.azure.com/v1api20200601");
    }

    @Test
    void aBodyIsTheResourceWithItsMetadataAsFabric8WritesItAndTheGivenStatus() {
        GenericKubernetesResource r = Serialization.unmarshal("""
                {"apiVersion": "resources.azure.com/v1api20200601", "kind": "ResourceGroup",
                 "metadata": {"name": "rg", "namespace": "default", "resourceVersion": "7",
                              "annotations": {"a": "\\"quoted\\""}, "finalizers": ["f"]},
                 "spec": {"location": "westus2", "tags": {"env": "test"}},
                 "status": {"conditions": [{"type": "Ready"}]}}""", GenericKubernetesResource.class);
        String metadata = Serialization.asJson(r.getMetadata());

        JsonObject same = new JsonObject(CrStore.body(r, null, metadata));
        JsonObject newStatus = new JsonObject(CrStore.body(r, new JsonObject().put("id", "x"), metadata));

        assertThat(same).isEqualTo(new JsonObject(Serialization.asJson(r)));
        assertThat(newStatus.getJsonObject("status")).isEqualTo(new JsonObject().put("id", "x"));
        assertThat(newStatus.getJsonObject("metadata").getJsonObject("annotations").getString("a"))
                .isEqualTo("\"quoted\"");
        assertThat(newStatus.getJsonObject("spec")).isEqualTo(same.getJsonObject("spec"));

        GenericKubernetesResource bare = new GenericKubernetesResource();
        bare.setApiVersion("v1");
        bare.setKind("X");
        bare.setMetadata(r.getMetadata());
        assertThat(new JsonObject(CrStore.body(bare, null, metadata)).fieldNames())
                .containsExactly("apiVersion", "kind", "metadata");
    }
}
