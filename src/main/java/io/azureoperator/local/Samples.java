package io.azureoperator.local;

import io.azureoperator.kinds.KindDescriptor;
import io.azureoperator.kinds.KindRegistry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sample custom resources: the {@code *.yaml} files of a directory ({@code k8s/samples} in a checkout), or else
 * the copies packaged in the jar (the build copies {@code k8s/samples} to {@code samples/} on the class path).
 */
public final class Samples {
    /** Where the build puts the samples on the class path. */
    static final String PACKAGED = "samples";

    private Samples() {
    }

    /** YAML documents and where they were read from (for the log). */
    public record Found(String source, List<String> yamls) {
    }

    /** The samples in {@code dir} when it is a directory, else the packaged ones (empty when there are none). */
    public static Found find(Path dir) {
        if (Files.isDirectory(dir)) {
            return new Found(dir.toAbsolutePath().normalize().toString(), read(dir));
        }
        return new Found("the copies packaged in the jar (no " + dir + " directory here)", packaged());
    }

    /** The samples packaged with this class: in the jar, or in the build's classes directory. */
    static List<String> packaged() {
        Path codeSource;
        try {
            codeSource = Path.of(Samples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(codeSource)) {
            return read(codeSource.resolve(PACKAGED));
        }
        try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
            return read(jar.getPath(PACKAGED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates every resource in the documents; returns how many. */
    public static int apply(KubernetesClient client, KindRegistry kinds, List<String> yamls) {
        int n = 0;
        for (String yaml : yamls) {
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

    /** The {@code *.yaml} files of {@code dir}, by name; none when it is not a directory. */
    private static List<String> read(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
                out.add(Files.readString(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
