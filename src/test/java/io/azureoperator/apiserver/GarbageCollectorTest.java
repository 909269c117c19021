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
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The garbage collector, as a real API server's with each propagation policy, seen through a fabric8 client. */
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

    @Test
    void orphanPropagationDropsTheReferencesAndKeepsTheDependents() {
        GenericKubernetesResource owner = widget("orphan", "owner", List.of());
        GenericKubernetesResource other = widget("orphan", "other", List.of());
        configMap("orphan", "owned-cm", owner);
        configMap("orphan", "shared-cm", owner, other);
        widget("orphan", "child", List.of(FINALIZER), owner);

        widgets().inNamespace("orphan").withName("owner").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

        assertThat(getWidget("orphan", "owner")).isNull();
        assertThat(client.configMaps().inNamespace("orphan").withName("owned-cm").get().getMetadata()
                .getOwnerReferences()).isEmpty();
        assertThat(client.configMaps().inNamespace("orphan").withName("shared-cm").get().getMetadata()
                .getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(other.getMetadata().getUid()));
        GenericKubernetesResource child = getWidget("orphan", "child");
        assertThat(child.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(child.getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void foregroundPropagationHoldsTheOwnerUntilItsBlockingDependentsAreGone() {
        GenericKubernetesResource owner = widget("fg", "owner", List.of());
        configMap("fg", "owned-cm", owner);
        GenericKubernetesResource child = widget("fg", "child", List.of(FINALIZER), owner);
        configMap("fg", "grandchild-cm", child);
        client.configMaps().inNamespace("fg").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("not-blocking").withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName("owner")
                        .withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(false).build())
                .endMetadata().build()).create();
        GenericKubernetesResource other = widget("fg", "other", List.of());
        configMap("fg", "shared-cm", owner, other);

        widgets().inNamespace("fg").withName("owner").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

        GenericKubernetesResource waiting = getWidget("fg", "owner");
        assertThat(waiting.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(waiting.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(client.configMaps().inNamespace("fg").withName("owned-cm").get()).isNull();
        assertThat(client.configMaps().inNamespace("fg").withName("not-blocking").get())
                .as("deleted too, only not waited for").isNull();
        assertThat(client.configMaps().inNamespace("fg").withName("grandchild-cm").get())
                .as("the child was deleted in the foreground too").isNull();
        assertThat(client.configMaps().inNamespace("fg").withName("shared-cm").get().getMetadata()
                .getOwnerReferences()).as("another owner is there: only the reference goes").singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(other.getMetadata().getUid()));
        GenericKubernetesResource marked = getWidget("fg", "child");
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(marked.getMetadata().getFinalizers()).as("its own dependent is gone already")
                .containsExactly(FINALIZER);

        release("fg", "child");
        assertThat(getWidget("fg", "child")).isNull();
        assertThat(getWidget("fg", "owner")).as("released once its blocking dependent went").isNull();
    }

    @Test
    void foregroundPropagationKeepsTheOwnersOwnFinalizersAndActsLikeBackgroundWithoutDependents() {
        GenericKubernetesResource owner = widget("fg2", "owner", List.of(FINALIZER));
        widget("fg2", "child", List.of(FINALIZER), owner);
        widget("fg2", "lonely", List.of());

        widgets().inNamespace("fg2").withName("lonely").withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();
        assertThat(getWidget("fg2", "lonely")).isNull();

        widgets().inNamespace("fg2").withName("owner").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        assertThat(getWidget("fg2", "owner").getMetadata().getFinalizers())
                .containsExactly(FINALIZER, "foregroundDeletion");
        release("fg2", "child");
        assertThat(getWidget("fg2", "owner").getMetadata().getFinalizers()).containsExactly(FINALIZER);
        release("fg2", "owner");
        assertThat(getWidget("fg2", "owner")).isNull();
    }

    @Test
    void aPolicyInTheQueryIsHonouredAndAnUnknownOneRefused() throws Exception {
        GenericKubernetesResource owner = widget("query", "owner", List.of());
        configMap("query", "owned-cm", owner);
        String url = server.url() + "/apis/" + owner.getApiVersion() + "/namespaces/query/widgets/owner";
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url
                + "?propagationPolicy=Sometimes")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Unsupported value", "Sometimes");
        assertThat(getWidget("query", "owner")).as("nothing deleted").isNotNull();

        HttpResponse<String> orphaned = http.send(HttpRequest.newBuilder(URI.create(url
                + "?propagationPolicy=Orphan")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(orphaned.statusCode()).isEqualTo(200);
        assertThat(getWidget("query", "owner")).isNull();
        assertThat(client.configMaps().inNamespace("query").withName("owned-cm").get()).isNotNull();
    }
}
