package io.azureoperator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.bench.ScaleBenchmark;
import io.azureoperator.config.ConfigKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files (Dockerfile, k8s/) are consistent with each other and with SPEC §6:
 * everything parses into typed fabric8 objects with no unknown (misspelt) fields, the
 * kustomization lists exactly the files that exist, RBAC covers every CRD without wildcards,
 * and the Deployment is probed, sized and locked down.
 */
class ManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private static final Path CRDS = K8S.resolve("crds");
    private static final String NS = "azureserviceoperator-system";
    private static final String SA = "azureserviceoperator-default";
    private static final String SETTINGS = "aso-controller-settings";
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final String SETTINGS_TEMPLATE = "settings-secret.template.yaml";

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    // ---- parsing ------------------------------------------------------------------------

    /** Every YAML file under k8s/ except samples/, relative to k8s/, with '/' separators. */
    private static List<String> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> K8S.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.startsWith("samples/"))
                    .sorted()
                    .toList();
        }
    }

    /** The documents of one YAML file, as fabric8 objects. */
    private List<KubernetesResource> read(String relative) throws IOException {
        Object parsed = serialization.unmarshal(Files.readString(K8S.resolve(relative)));
        List<KubernetesResource> out = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add((KubernetesResource) o);
                }
            }
        } else if (parsed != null) {
            out.add((KubernetesResource) parsed);
        }
        assertThat(out).as(relative + " has no documents").isNotEmpty();
        return out;
    }

    private <T> List<T> all(Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        for (String f : yamlFiles()) {
            if (f.equals(KUSTOMIZATION) || f.equals(SETTINGS_TEMPLATE)) {
                continue;
            }
            read(f).stream().filter(type::isInstance).map(type::cast).forEach(out::add);
        }
        return out;
    }

    private <T> T only(Class<T> type) throws IOException {
        List<T> found = all(type);
        assertThat(found).as("exactly one " + type.getSimpleName() + " in k8s/").hasSize(1);
        return found.get(0);
    }

    private Map<String, Object> kustomization() throws IOException {
        GenericKubernetesResource k = (GenericKubernetesResource) read(KUSTOMIZATION).get(0);
        assertThat(k.getApiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(k.getKind()).isEqualTo("Kustomization");
        return k.getAdditionalProperties();
    }

    @Test
    void everyYamlFileParsesIntoTypedModelObjectsWithNoUnknownFields() throws IOException {
        List<String> files = yamlFiles();
        assertThat(files).contains(KUSTOMIZATION, SETTINGS_TEMPLATE, "deployment.yaml", "rbac.yaml",
                "service.yaml", "serviceaccount.yaml", "namespace.yaml");
        for (String f : files) {
            if (f.equals(KUSTOMIZATION)) {
                continue; // not a Kubernetes object; checked below
            }
            for (KubernetesResource doc : read(f)) {
                assertThat(doc).as(f + ": a known Kubernetes kind").isNotInstanceOf(GenericKubernetesResource.class);
                HasMetadata object = (HasMetadata) doc;
                assertThat(object.getMetadata().getName()).as(f + ": metadata.name").isNotBlank();
                List<String> unknown = new ArrayList<>();
                unknownFields(object.getKind() + " " + object.getMetadata().getName(), doc, unknown,
                        Collections.newSetFromMap(new IdentityHashMap<>()));
                assertThat(unknown).as(f + ": fields the Kubernetes API does not know (typos?)").isEmpty();
            }
        }
    }

    /** Collects every non-empty additionalProperties map of the fabric8 model objects below {@code o}. */
    private static void unknownFields(String path, Object o, List<String> out, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(path + "." + k, v, out, seen));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                unknownFields(path + "[" + i++ + "]", v, out, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties") && v instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> out.add(path + "." + k));
            } else {
                unknownFields(path + "." + m.getName().substring(3), v, out, seen);
            }
        }
    }

    // ---- kustomization ------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void kustomizationListsExactlyTheFilesThatExist() throws IOException {
        Map<String, Object> k = kustomization();
        assertThat(k.get("namespace")).isEqualTo(NS);
        List<String> resources = (List<String>) k.get("resources");
        assertThat(resources).doesNotHaveDuplicates();

        Set<String> expected = new TreeSet<>(yamlFiles());
        expected.remove(KUSTOMIZATION);
        expected.remove(SETTINGS_TEMPLATE);
        assertThat(new TreeSet<>(resources))
                .as("k8s/kustomization.yaml resources vs the YAML files in k8s/ (samples/ and the settings"
                        + " template excluded); after generating a CRD, add crds/<group>_<plural>.yaml")
                .isEqualTo(expected);
        assertThat(resources).noneMatch(r -> r.startsWith("samples")).doesNotContain(SETTINGS_TEMPLATE);
        try (Stream<Path> crds = Files.list(CRDS)) {
            List<String> crdFiles = crds.map(p -> "crds/" + p.getFileName()).filter(n -> n.endsWith(".yaml")).toList();
            assertThat(crdFiles).isNotEmpty();
            assertThat(resources).containsAll(crdFiles);
        }
        // The conf ConfigMap comes from the generator; its files exist.
        List<Map<String, Object>> generators = (List<Map<String, Object>>) k.get("configMapGenerator");
        assertThat(generators).hasSize(1);
        for (Object file : (List<Object>) generators.get(0).get("files")) {
            String source = file.toString().contains("=") ? file.toString().split("=", 2)[1] : file.toString();
            assertThat(K8S.resolve(source)).as("configMapGenerator file").exists();
            assertThat(Path.of(source).isAbsolute() || source.startsWith("..")).as("inside k8s/: " + source).isFalse();
        }
    }

    @Test
    void operatorJsonInK8sIsACopyOfConf() throws IOException {
        assertThat(Files.readString(K8S.resolve("operator.json")))
                .as("k8s/operator.json must equal conf/operator.json: cp conf/operator.json k8s/operator.json")
                .isEqualTo(Files.readString(Path.of("conf", "operator.json")));
    }

    // ---- Deployment ---------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void deploymentIsProbedSizedAndLockedDown() throws IOException {
        Deployment d = only(Deployment.class);
        assertThat(d.getMetadata().getName()).isEqualTo("azureserviceoperator-controller-manager");
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(SA);
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(d.getSpec().getSelector().getMatchLabels())
                .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());

        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("azure-operator:latest");
        assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");

        assertProbe(c.getLivenessProbe(), "/healthz");
        assertProbe(c.getReadinessProbe(), "/readyz");
        assertProbe(c.getStartupProbe(), "/healthz");
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http-metrics");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });

        Map<String, Quantity> requests = c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources().getLimits();
        assertThat(requests).containsEntry("cpu", new Quantity("200m")).containsEntry("memory", new Quantity("512Mi"));
        assertThat(limits).containsEntry("cpu", new Quantity("1")).containsEntry("memory", new Quantity("1Gi"));

        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsUser()).isEqualTo(65532L);
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        // Credentials from the settings secret, which must be there.
        assertThat(c.getEnvFrom()).anySatisfy(e -> {
            assertThat(e.getSecretRef().getName()).isEqualTo(SETTINGS);
            assertThat(e.getSecretRef().getOptional()).isFalse();
        });
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        // Every SPEC §2 setting may go into the settings secret: an env entry for one would silently win over it.
        Set<String> shadowed = new TreeSet<>(env.keySet());
        shadowed.retainAll(Arrays.stream(ConfigKey.values()).map(Enum::name).toList());
        assertThat(shadowed).as("settings the Deployment's env would override in the " + SETTINGS + " secret")
                .containsExactly("POD_NAMESPACE");
        // the port the operator listens on (operator.json; no env override) is the one probed
        assertThat(new io.vertx.core.json.JsonObject(Files.readString(K8S.resolve("operator.json")))
                .getValue("HTTP_PORT").toString()).isEqualTo("8080");

        // /tmp is writable (read-only root), conf comes from the generated ConfigMap.
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Map<String, String> mounts = c.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
        assertThat(volumes.get(mounts.get("/tmp")).getEmptyDir()).isNotNull();
        String generated = ((List<Map<String, Object>>) kustomization().get("configMapGenerator")).get(0)
                .get("name").toString();
        assertThat(volumes.get(mounts.get("/etc/azure-operator")).getConfigMap().getName()).isEqualTo(generated);
        assertThat(((List<Object>) ((List<Map<String, Object>>) kustomization().get("configMapGenerator")).get(0)
                .get("files"))).anyMatch(f -> f.toString().equals("operator.json")
                        || f.toString().startsWith("operator.json="));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as("probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        Object port = probe.getHttpGet().getPort().getValue();
        assertThat(port).isIn(8080, "http-metrics");
    }

    @Test
    void serviceAccountServiceAndSettingsTemplateMatchTheDeployment() throws IOException {
        Deployment d = only(Deployment.class);
        assertThat(only(ServiceAccount.class).getMetadata().getName()).isEqualTo(SA);
        assertThat(only(Namespace.class).getMetadata().getName()).isEqualTo(NS);

        Service s = only(Service.class);
        assertThat(s.getMetadata().getName()).isEqualTo("azureserviceoperator-metrics");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8080").containsEntry("prometheus.io/path", "/metrics");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector());
        ServicePort port = s.getSpec().getPorts().get(0);
        assertThat(port.getName()).isEqualTo("http-metrics");
        assertThat(port.getPort()).isEqualTo(8080);

        Secret template = (Secret) read(SETTINGS_TEMPLATE).get(0);
        assertThat(template.getMetadata().getName()).isEqualTo(SETTINGS);
        assertThat(template.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(template.getStringData()).containsOnlyKeys(
                "AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET");
    }

    // ---- RBAC ---------------------------------------------------------------------------

    @Test
    void rbacGrantsExactlyTheCallsTheOperatorMakesWithoutWildcards() throws IOException {
        ClusterRole role = only(ClusterRole.class);
        Role own = only(Role.class);
        assertThat(own.getMetadata().getNamespace()).isEqualTo(NS);
        for (PolicyRule r : concat(role.getRules(), own.getRules())) {
            assertThat(r.getVerbs()).as("verbs").isNotEmpty().doesNotContain("*");
            assertThat(r.getResources()).as("resources").isNotEmpty().doesNotContain("*").noneMatch(x -> x.contains("*"));
            assertThat(r.getApiGroups()).as("apiGroups").isNotEmpty().doesNotContain("*");
            assertThat(r.getNonResourceURLs()).isNullOrEmpty();
            assertThat(r.getResourceNames()).isNullOrEmpty();
        }

        Map<String, List<String>> customResources = new LinkedHashMap<>();
        List<CustomResourceDefinition> crds = all(CustomResourceDefinition.class);
        assertThat(crds).isNotEmpty();
        for (CustomResourceDefinition crd : crds) {
            customResources.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>())
                    .add(crd.getSpec().getNames().getPlural());
        }
        List<KubernetesCalls.Call> calls = KubernetesCalls.all(customResources);
        assertThat(grants(role.getRules())).as("ClusterRole: exactly the calls in the watched namespaces"
                        + " (KubernetesCalls)")
                .isEqualTo(needed(calls, KubernetesCalls.Scope.WATCHED_NAMESPACES));
        assertThat(grants(own.getRules())).as("Role in " + NS + ": exactly the calls in the operator's namespace"
                        + " (leases, budget ledger)")
                .isEqualTo(needed(calls, KubernetesCalls.Scope.OPERATOR_NAMESPACE));

        ClusterRoleBinding crb = only(ClusterRoleBinding.class);
        assertThat(crb.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(crb.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertBoundToOurServiceAccount(crb.getSubjects());
        RoleBinding rb = only(RoleBinding.class);
        assertThat(rb.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(rb.getRoleRef().getName()).isEqualTo(own.getMetadata().getName());
        assertBoundToOurServiceAccount(rb.getSubjects());
    }

    private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
        List<PolicyRule> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** "group resource verb" for every verb a rule grants. */
    private static Set<String> grants(List<PolicyRule> rules) {
        Set<String> out = new TreeSet<>();
        for (PolicyRule r : rules) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    r.getVerbs().forEach(v -> out.add(g + " " + res + " " + v));
                }
            }
        }
        return out;
    }

    private static Set<String> needed(List<KubernetesCalls.Call> calls, KubernetesCalls.Scope scope) {
        return calls.stream().filter(c -> c.scope() == scope).map(c -> c.group() + " " + c.resource() + " " + c.verb())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertBoundToOurServiceAccount(List<Subject> subjects) {
        assertThat(subjects).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(SA);
            assertThat(s.getNamespace()).isEqualTo(NS);
        });
    }

    // ---- Dockerfile ---------------------------------------------------------------------

    @Test
    void dockerfileRunsNonRootAndSizesTheHeapFromTheContainer() throws IOException {
        List<String> lines = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ").lines()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        int lastFrom = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toUpperCase().startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        assertThat(lastFrom).as("a FROM").isGreaterThanOrEqualTo(0);
        assertThat(lines.stream().filter(l -> l.toUpperCase().startsWith("FROM ")).count()).as("multi-stage").isGreaterThan(1);
        List<String> runtime = lines.subList(lastFrom, lines.size());
        assertThat(runtime.get(0)).contains("eclipse-temurin:17-jre");

        Map<String, String> last = new LinkedHashMap<>();
        for (String l : runtime) {
            String[] parts = l.split("\\s+", 2);
            last.put(parts[0].toUpperCase(), parts.length > 1 ? parts[1].trim() : "");
        }
        String user = last.get("USER");
        assertThat(user).as("runtime stage USER").isNotNull();
        String uid = user.split(":")[0];
        assertThat(uid).as("numeric non-root UID").matches("[0-9]+").isNotEqualTo("0").isEqualTo("65532");
        assertThat(last.get("WORKDIR")).isEqualTo("/app");
        assertThat(last.get("EXPOSE")).contains("8080");

        String entrypoint = last.get("ENTRYPOINT");
        assertThat(entrypoint).as("exec-form ENTRYPOINT").startsWith("[").contains("\"java\"")
                .contains("\"-jar\"", "\"/app/azure-operator.jar\"", "\"--conf\"", "\"/etc/azure-operator/operator.json\"");
        String jvmFlags = entrypoint + " " + runtime.stream().filter(l -> l.toUpperCase().startsWith("ENV "))
                .collect(Collectors.joining(" "));
        assertThat(jvmFlags).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                .contains("-Djava.io.tmpdir=/tmp");
        // bench scale runs the operator with the image's JIT and GC flags, so that its figures are the image's
        for (String flag : ScaleBenchmark.IMAGE_JVM_FLAGS) {
            assertThat(entrypoint).as("ENTRYPOINT has the JVM flag bench scale uses").contains("\"" + flag + "\"");
        }
    }

    @Test
    void dockerignoreKeepsBuildOutputAndGitOut() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim).toList();
        assertThat(ignored).contains("target/", ".git").doesNotContain("src", "src/", "pom.xml", "conf", "conf/");
    }

    /** docker build fails on a COPY whose source the context left out: every file each COPY names must be sent. */
    @Test
    void everyCopySourceOfTheBuildStaysInTheDockerContext() throws IOException {
        List<String> patterns = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> sources = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::trim)
                .filter(l -> l.startsWith("COPY ") && !l.contains("--from"))
                .flatMap(l -> {
                    List<String> words = List.of(l.split("\\s+"));
                    return words.subList(1, words.size() - 1).stream();
                }).toList();
        assertThat(sources).contains("pom.xml", "src", "k8s/samples", "conf/operator.json");
        for (String source : sources) {
            List<Path> files;
            try (var walk = Files.walk(Path.of(source))) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("files under " + source).isNotEmpty();
            for (Path file : files) {
                assertThat(dockerIgnores(patterns, file.toString().replace('\\', '/')))
                        .as(file + " (COPY " + source + ") is left out by .dockerignore").isFalse();
            }
        }
        assertThat(dockerIgnores(patterns, "k8s/rbac.yaml")).isTrue();
        assertThat(dockerIgnores(patterns, "target/azure-operator.jar")).isTrue();
    }

    /**
     * .dockerignore as Docker reads it: the last pattern matching the path or one of its parent directories
     * decides, and a pattern starting with '!' keeps what it matches.
     */
    private static boolean dockerIgnores(List<String> patterns, String path) {
        boolean ignored = false;
        for (String pattern : patterns) {
            boolean keep = pattern.startsWith("!");
            String glob = (keep ? pattern.substring(1) : pattern).replaceAll("/+$", "");
            String regex = glob.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*")
                    .replace("?", "[^/]").replace("\u0000", ".*");
            String prefix = path;
            boolean matches = false;
            while (!matches && !prefix.isEmpty()) {
                matches = prefix.matches(regex);
                prefix = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
            }
            if (matches) {
                ignored = !keep;
            }
        }
        return ignored;
    }
}
