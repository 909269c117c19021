package io.azureoperator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The garbage collector, as a real API server's with background propagation, seen through a fabric8 client. */
class GarbageCollectorTest extends WidgetServerTest {
    private static final String FINALIZER = "example.com/cleanup";

    private static GenericKubernetesResource widget(String namespace, String name, List<String> finalizers,
                                                    HasMetadata... owners) {
        GenericKubernetesResource w = Widgets.widget(name, "small");
        w.getMetadata().setFinalizers(finalizers);
        w.getMetadata().setOwnerReferences(refs(owners));
        return widgets().inNamespace(namespace).resource(w).create();
    }

    private static ConfigMap configMap(String namespace, String name, HasMetadata... owners) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                .withName(name).withOwnerReferences(refs(owners)).endMetadata().build()).create();
    }

    private static Secret secret(String namespace, String name, HasMetadata... owners) {
        return client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName(name).withOwnerReferences(refs(owners)).endMetadata().build()).create();
    }

    private static List<OwnerReference> refs(HasMetadata... owners) {
        return java.util.Arrays.stream(owners).map(o -> new OwnerReferenceBuilder().withApiVersion(o.getApiVersion())
                .withKind(o.getKind()).withName(o.getMetadata().getName()).withUid(o.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()).toList();
    }

    private static GenericKubernetesResource getWidget(String namespace, String name) {
        return widgets().inNamespace(namespace).withName(name).get();
    }

    private static void release(String namespace, String name) {
        widgets().inNamespace(namespace).withName(name).edit(w -> {
            w.getMetadata().setFinalizers(List.of());
            return w;
        });
    }

    @Test
    void removingAnOwnerDeletesItsDependentsOfEveryKindAndFinalizersHoldThem() {
        GenericKubernetesResource owner = widget("bg", "owner", List.of());
        configMap("bg", "owned-cm", owner);
        secret("bg", "owned-secret", owner);
        GenericKubernetesResource child = widget("bg", "child", List.of(FINALIZER), owner);
        configMap("bg", "grandchild-cm", child);
        configMap("bg", "unowned-cm");

        widgets().inNamespace("bg").withName("owner").delete();

        assertThat(getWidget("bg", "owner")).isNull();
        assertThat(client.configMaps().inNamespace("bg").withName("owned-cm").get()).isNull();
        assertThat(client.secrets().inNamespace("bg").withName("owned-secret").get()).isNull();
        GenericKubernetesResource marked = getWidget("bg", "child");
        assertThat(marked.getMetadata().getDeletionTimestamp()).as("the finalizer holds the child").isNotBlank();
        assertThat(client.configMaps().inNamespace("bg").withName("grandchild-cm").get())
                .as("not collected while its owner is still there").isNotNull();
        assertThat(client.configMaps().inNamespace("bg").withName("unowned-cm").get()).isNotNull();

        release("bg", "child");
        assertThat(getWidget("bg", "child")).isNull();
        assertThat(client.configMaps().inNamespace("bg").withName("grandchild-cm").get()).isNull();
        assertThat(client.configMaps().inNamespace("bg").withName("unowned-cm").get()).isNotNull();
    }

    @Test
    void anOwnerHeldByAFinalizerKeepsItsDependentsUntilItIsRemoved() {
        GenericKubernetesResource owner = widget("held", "owner", List.of(FINALIZER));
        configMap("held", "owned-cm", owner);

        widgets().inNamespace("held").withName("owner").delete();
        assertThat(getWidget("held", "owner").getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(client.configMaps().inNamespace("held").withName("owned-cm").get()).isNotNull();

        release("held", "owner");
        assertThat(client.configMaps().inNamespace("held").withName("owned-cm").get()).isNull();
    }

    @Test
    void aDependentWithAnotherOwnerLeftOnlyLosesTheGoneReference() {
        GenericKubernetesResource first = widget("two", "first", List.of());
        GenericKubernetesResource second = widget("two", "second", List.of());
        configMap("two", "shared", first, second);

        widgets().inNamespace("two").withName("first").delete();
        ConfigMap shared = client.configMaps().inNamespace("two").withName("shared").get();
        assertThat(shared).isNotNull();
        assertThat(shared.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(second.getMetadata().getUid()));

        widgets().inNamespace("two").withName("second").delete();
        assertThat(client.configMaps().inNamespace("two").withName("shared").get()).isNull();
    }

    @Test
    void ownersAreKnownByUidAndNamespaceAndAnObjectWrittenWithOnlyGoneOwnersIsCollected() {
        GenericKubernetesResource old = widget("uid", "owner", List.of());
        widgets().inNamespace("uid").withName("owner").delete();
        GenericKubernetesResource recreated = widget("uid", "owner", List.of());
        assertThat(recreated.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());

        configMap("uid", "of-the-old-one", old);
        assertThat(client.configMaps().inNamespace("uid").withName("of-the-old-one").get())
                .as("its owner (that uid) is gone: collected as soon as written").isNull();

        configMap("uid", "of-the-new-one", recreated);
        configMap("uid-elsewhere", "other-namespace", recreated);
        assertThat(client.configMaps().inNamespace("uid").withName("of-the-new-one").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("uid-elsewhere").withName("other-namespace").get())
                .as("a namespaced owner is looked for in the dependent's namespace").isNull();

        ConfigMap unknownKind = client.configMaps().inNamespace("uid").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("owned-by-unknown-kind").withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("example.com/v1").withKind("Gadget").withName("g").withUid("1234").build())
                .endMetadata().build()).create();
        assertThat(client.configMaps().inNamespace("uid").withName(unknownKind.getMetadata().getName()).get())
                .as("an owner of a kind not served cannot be told gone: kept, as the real collector does")
                .isNotNull();

        ConfigMap adopted = configMap("uid", "adopted-later");
        adopted.getMetadata().setOwnerReferences(refs(old));
        client.configMaps().inNamespace("uid").resource(adopted).update();
        assertThat(client.configMaps().inNamespace("uid").withName("adopted-later").get())
                .as("an update that adds only gone owners").isNull();
    }
}
