package io.azureoperator.local;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Applies sample custom resources: the {@code *.yaml} files of a directory (by default {@code k8s/samples}). */
public final class Samples {
    private Samples() {
    }

    /** Creates every sample; returns how many. */
    public static int apply(KubernetesClient client, KindRegistry kinds, Path dir) {
        int n = 0;
        for (String yaml : read(dir)) {
            for (HasMetadata item : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .items()) {
                create(client, kinds, item);
                n++;
            }
        }
        return n;
    }

    public static void create(KubernetesClient client, KindRegistry kinds, HasMetadata item) {
        String[] gv = item.getApiVersion().split("/");
        KindDescriptor kind = kinds.find(gv[0], item.getKind()).orElseThrow(() -> new IllegalArgumentException(
                "sample " + item.getMetadata().getName() + ": no kind " + item.getApiVersion() + " " + item.getKind()));
        String ns = item.getMetadata().getNamespace() == null ? "default" : item.getMetadata().getNamespace();
        client.genericKubernetesResources(kind.context()).inNamespace(ns)
                .resource((GenericKubernetesResource) item).create();
    }

    private static List<String> read(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    out.add(Files.readString(f));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
