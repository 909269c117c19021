package io.azureoperator.reconcile;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.ArmResponse;
import io.azureoperator.budget.Priority;
import io.azureoperator.kinds.ExportPlan;
import io.azureoperator.kinds.ExportSource;
import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kube.Resources;
import io.azureoperator.lead.NotLeaderException;
import io.azureoperator.model.ArmId;
import io.azureoperator.model.CloudError;
import io.azureoperator.model.ErrorClassifier;
import io.azureoperator.kube.SecretValues;
import io.azureoperator.model.JsonPath;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the values a resource exports ({@code operatorSpec.secrets}/{@code configMaps}) into Secrets and
 * ConfigMaps owned by the resource. Never touches an object it does not own. Actions such as listKeys are
 * called only when asked for and only when a value is missing or a refresh is due. Values are never logged.
 */
public final class Exporter {
    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    /** Why the exports could not be written; null when they were. */
    public record Problem(String reason, String message, CloudError armError) {
    }

    /** A Secret or ConfigMap of that name exists and is not the resource's. */
    static final String CONFLICT = "ExportConflict";
    /** Reading or writing a Secret or ConfigMap failed (e.g. 403, a quota), or an action failed but not fatally. */
    static final String FAILED = "ExportFailed";

    /**
     * The status mirror to keep when exporting failed: {@code now}, but with each {@link ExportSource#changesWith}
     * value as {@code before} had it, so the next try still sees that the action's values changed.
     */
    static JsonObject keepingChangeMarks(KindDescriptor kind, JsonObject before, JsonObject now) {
        JsonObject kept = now.copy();
        kind.exports().values().stream().map(ExportSource::changesWith).filter(Objects::nonNull).distinct()
                .forEach(path -> JsonPath.set(kept, path, JsonPath.get(before, path).orElse(null)));
        return kept;
    }

    private final KubernetesClient client;
    private final WorkerExecutor worker;

    public Exporter(KubernetesClient client, WorkerExecutor worker) {
        this.client = client;
        this.worker = worker;
    }

    /**
     * @param status the resource's status mirror (flattened ARM body) to read status values from
     * @param refreshActions call the actions even when every value is already there (after a PUT)
     */
    public Future<Optional<Problem>> export(ArmClient arm, KindDescriptor kind, GenericKubernetesResource cr,
                                            ExportPlan plan, ArmId id, JsonObject status, boolean refreshActions) {
        if (plan.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String log = kind.kind() + " " + cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
        return worker.executeBlocking(() -> existing(cr.getMetadata().getNamespace(), plan), false)
                .compose(existing -> {
                    for (ExportPlan.Target t : plan.targets()) {
                        HasMetadata found = existing.get(t.name() + "/" + t.secret());
                        if (found != null && !ownedBy(found, cr)) {
                            return Future.succeededFuture(Optional.of(new Problem(CONFLICT,
                                    t.objectKind() + " " + t.name() + " exists and is not owned by " + log
                                            + "; not overwriting it", null)));
                        }
                    }
                    Set<String> actions = actionsNeeded(kind, plan, existing, refreshActions,
                            Resources.status(cr), status);
                    return callActions(arm, id, actions).compose(answers -> {
                        if (answers.problem != null) {
                            return Future.succeededFuture(Optional.of(answers.problem));
                        }
                        return worker.executeBlocking(() -> {
                            write(kind, cr, plan, existing, status, answers.bodies, log);
                            return Optional.<Problem>empty();
                        }, false);
                    });
                })
                .recover(t -> {
                    if (t instanceof NotLeaderException) {
                        return Future.failedFuture(t); // not ours to act on: nothing to report
                    }
                    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                    return Future.succeededFuture(Optional.of(new Problem(FAILED, "writing the exports failed: "
                            + message, null)));
                });
    }

    private Map<String, HasMetadata> existing(String namespace, ExportPlan plan) {
        Map<String, HasMetadata> out = new HashMap<>();
        for (ExportPlan.Target t : plan.targets()) {
            HasMetadata found = t.secret()
                    ? client.secrets().inNamespace(namespace).withName(t.name()).get()
                    : client.configMaps().inNamespace(namespace).withName(t.name()).get();
            if (found != null) {
                out.put(t.name() + "/" + t.secret(), found);
            }
        }
        return out;
    }

    /**
     * The actions to call: all of them after a PUT ({@code refresh}); else those a missing value needs, and those
     * whose values Azure shows have changed ({@link ExportSource#changesWith}: {@code before}, the status the
     * last export was made with, against {@code now}).
     */
    private static Set<String> actionsNeeded(KindDescriptor kind, ExportPlan plan, Map<String, HasMetadata> existing,
                                             boolean refresh, JsonObject before, JsonObject now) {
        Set<String> actions = new LinkedHashSet<>();
        for (ExportPlan.Target t : plan.targets()) {
            HasMetadata found = existing.get(t.name() + "/" + t.secret());
            Map<String, String> data = found == null ? Map.of() : data(found);
            t.keys().forEach((key, export) -> {
                ExportSource source = kind.exports().get(export);
                boolean changed = source.changesWith() != null
                        && !Objects.equals(JsonPath.get(before, source.changesWith()),
                                JsonPath.get(now, source.changesWith()));
                if (source.fromAction() && (refresh || changed || !data.containsKey(key))) {
                    actions.add(source.action() + "@" + source.apiVersion());
                }
            });
        }
        return actions;
    }

    private record Answers(Map<String, JsonObject> bodies, Problem problem) {
    }

    private Future<Answers> callActions(ArmClient arm, ArmId id, Set<String> actions) {
        Future<Answers> chain = Future.succeededFuture(new Answers(new HashMap<>(), null));
        for (String a : actions) {
            String[] parts = a.split("@", 2);
            chain = chain.compose(answers -> {
                if (answers.problem != null) {
                    return Future.succeededFuture(answers);
                }
                return arm.post(id, parts[0], parts[1], null, Priority.USER).map(r -> record(answers, a, r));
            });
        }
        return chain;
    }

    /**
     * An action's answer. A fatal ARM error is the resource's error (it waits for a spec change); any other
     * (throttled, unavailable) is an export problem, retried without sending the resource again.
     */
    private static Answers record(Answers answers, String action, ArmResponse r) {
        if (!r.ok() || r.body() == null) {
            CloudError e = r.error();
            String name = action.split("@")[0];
            return new Answers(answers.bodies, ErrorClassifier.isFatal(e)
                    ? new Problem(e.code(), name + ": " + e.message(), e)
                    : new Problem(FAILED, name + ": " + e.code() + ": " + e.message(), null));
        }
        answers.bodies.put(action, r.body());
        return answers;
    }

    private void write(KindDescriptor kind, GenericKubernetesResource cr, ExportPlan plan,
                       Map<String, HasMetadata> existing, JsonObject status, Map<String, JsonObject> actionBodies,
                       String log) {
        String namespace = cr.getMetadata().getNamespace();
        for (ExportPlan.Target t : plan.targets()) {
            HasMetadata found = existing.get(t.name() + "/" + t.secret());
            Map<String, String> before = found == null ? Map.of() : data(found);
            // exactly the keys the spec exports now (a key it no longer names goes), each with its new value or,
            // for an action not called this time, the value already there
            Map<String, String> data = new HashMap<>();
            t.keys().keySet().forEach(key -> {
                if (before.containsKey(key)) {
                    data.put(key, before.get(key));
                }
            });
            t.keys().forEach((key, export) -> {
                ExportSource source = kind.exports().get(export);
                Optional<Object> value = source.fromAction()
                        ? Optional.ofNullable(actionBodies.get(source.action() + "@" + source.apiVersion()))
                                .flatMap(body -> JsonPath.get(body, source.path()))
                        : JsonPath.get(status, source.statusPath());
                value.ifPresentOrElse(v -> data.put(key, v.toString()),
                        () -> LOG.debug("{}: no value for export {} yet", log, export));
            });
            if (found != null && data.equals(before)) {
                continue;
            }
            LOG.info("{}: writing {} {} (keys {})", log, t.objectKind(), t.name(), t.keys().keySet());
            if (t.secret()) {
                Map<String, String> encoded = new HashMap<>();
                data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
                Secret s = new SecretBuilder().withMetadata(metadata(found, t.name(), namespace, cr))
                        .withType(found instanceof Secret old && old.getType() != null ? old.getType() : "Opaque")
                        .withData(encoded).build();
                if (found == null) {
                    client.secrets().inNamespace(namespace).resource(s).create();
                } else {
                    client.secrets().inNamespace(namespace).resource(s).update();
                }
            } else {
                ConfigMap c = new ConfigMapBuilder().withMetadata(metadata(found, t.name(), namespace, cr))
                        .withBinaryData(found instanceof ConfigMap old ? old.getBinaryData() : null)
                        .withData(data).build();
                if (found == null) {
                    client.configMaps().inNamespace(namespace).resource(c).create();
                } else {
                    client.configMaps().inNamespace(namespace).resource(c).update();
                }
            }
        }
    }

    /**
     * A new object: its name and the resource as its controller. An object already there (the resource's own):
     * its metadata as it is, so labels, annotations, finalizers and ownerReferences others added stay, with the
     * resourceVersion the update is checked against.
     */
    private static ObjectMeta metadata(HasMetadata found, String name, String namespace,
                                       GenericKubernetesResource cr) {
        if (found == null) {
            return new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                    .withOwnerReferences(ownerReference(cr)).build();
        }
        return new ObjectMetaBuilder(found.getMetadata()).build();
    }

    private static Map<String, String> data(HasMetadata o) {
        if (o instanceof Secret s) {
            return SecretValues.of(s);
        }
        ConfigMap c = (ConfigMap) o;
        return c.getData() == null ? Map.of() : c.getData();
    }

    private static boolean ownedBy(HasMetadata o, GenericKubernetesResource cr) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> r.getUid().equals(cr.getMetadata().getUid())
                && Boolean.TRUE.equals(r.getController()));
    }

    private static OwnerReference ownerReference(GenericKubernetesResource cr) {
        return new OwnerReferenceBuilder().withApiVersion(cr.getApiVersion()).withKind(cr.getKind())
                .withName(cr.getMetadata().getName()).withUid(cr.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
