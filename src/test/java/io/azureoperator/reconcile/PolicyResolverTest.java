package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ReconcilePolicy;
import io.azureoperator.kube.Annotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {
    private final Map<String, String> namespaces = new java.util.HashMap<>();
    private final PolicyResolver resolver =
            new PolicyResolver(ns -> Optional.ofNullable(namespaces.get(ns)), ReconcilePolicy.MANAGE);

    private static GenericKubernetesResource resource(String namespace, String policy) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName("rg").withNamespace(namespace);
        if (policy != null) {
            meta.withAnnotations(Map.of(Annotations.RECONCILE_POLICY, policy));
        }
        r.setMetadata(meta.build());
        return r;
    }

    @Test
    void defaultWhenNoAnnotation() {
        PolicyResolver.Resolved r = resolver.resolve(resource("team", null));
        assertThat(r.policy()).isEqualTo(ReconcilePolicy.MANAGE);
        assertThat(r.valid()).isTrue();
    }

    @Test
    void namespaceAnnotationOverridesDefault() {
        namespaces.put("team", "skip");
        assertThat(resolver.resolve(resource("team", null)).policy()).isEqualTo(ReconcilePolicy.SKIP);
        assertThat(resolver.resolve(resource("other", null)).policy()).isEqualTo(ReconcilePolicy.MANAGE);
    }

    @Test
    void resourceAnnotationOverridesNamespace() {
        namespaces.put("team", "skip");
        PolicyResolver.Resolved r = resolver.resolve(resource("team", "detach-on-delete"));
        assertThat(r.policy()).isEqualTo(ReconcilePolicy.DETACH_ON_DELETE);
        assertThat(r.problem()).isNull();
    }

    @Test
    void changesTakeEffectAtOnce() {
        GenericKubernetesResource r = resource("team", null);
        assertThat(resolver.resolve(r).policy()).isEqualTo(ReconcilePolicy.MANAGE);
        namespaces.put("team", "detach-on-delete");
        assertThat(resolver.resolve(r).policy()).isEqualTo(ReconcilePolicy.DETACH_ON_DELETE);
    }

    @Test
    void invalidResourceAnnotationIsAProblem() {
        PolicyResolver.Resolved r = resolver.resolve(resource("team", "Manage"));
        assertThat(r.valid()).isFalse();
        assertThat(r.policy()).isNull();
        assertThat(r.problem()).contains(Annotations.RECONCILE_POLICY).contains("'Manage'")
                .contains("manage, detach-on-delete or skip");
    }

    @Test
    void invalidNamespaceAnnotationIsAProblemNamingTheNamespace() {
        namespaces.put("team", "delete");
        PolicyResolver.Resolved r = resolver.resolve(resource("team", null));
        assertThat(r.valid()).isFalse();
        assertThat(r.problem()).contains("namespace team").contains("'delete'");
    }

    @Test
    void surroundingSpaceIsTolerated() {
        assertThat(resolver.resolve(resource("team", " skip ")).policy()).isEqualTo(ReconcilePolicy.SKIP);
    }

    @Test
    void blankResourceAnnotationFallsThrough() {
        namespaces.put("team", "skip");
        assertThat(resolver.resolve(resource("team", "  ")).policy()).isEqualTo(ReconcilePolicy.SKIP);
    }
}
