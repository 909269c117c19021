package io.azureoperator.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** The custom resource the API server tests use: example.com/v1 Widget, namespaced, with a status subresource. */
final class Widgets {
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder().withGroup("example.com")
            .withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

    private Widgets() {
    }

    static CustomResourceDefinition crd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withKind("Widget").withListKind("WidgetList").withPlural("widgets")
                .withSingular("widget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
    }

    /** An in-memory API server on 127.0.0.1 serving the Widget CRD. */
    static InMemoryApiServer startServer(Vertx vertx) {
        InMemoryApiServer server = InMemoryApiServer.start(vertx, "127.0.0.1", 0)
                .toCompletionStage().toCompletableFuture().join();
        server.registerCrd(crdJson());
        return server;
    }

    static JsonObject crdJson() {
        return new JsonObject(Serialization.asJson(crd()));
    }

    static GenericKubernetesResource widget(String name, String size) {
        return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", new HashMap<>(Map.of("size", size))).build();
    }

    static JsonObject widgetJson(String namespace, String name, String size) {
        return new JsonObject().put("apiVersion", "example.com/v1").put("kind", "Widget")
                .put("metadata", new JsonObject().put("name", name).put("namespace", namespace))
                .put("spec", new JsonObject().put("size", size));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }

    static GenericKubernetesResource copy(GenericKubernetesResource r) {
        return Serialization.clone(r);
    }
}
