package io.azureoperator;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigKey;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up errors, as a user running the operator sees them: exit code 2 and one line naming the key. */
class MainStartupTest {

    private static Result run(Path dir, List<String> args, String... env) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        // only what the test sets: a configuration key (or any AZURE_ variable) in CI's environment must not count
        pb.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || ConfigKey.byName(k).isPresent());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        File err = dir.resolve("stderr.txt").toFile();
        Process p = pb.redirectError(err).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly(); // never left running after the test
        }
        assertThat(ended).as("process ended").isTrue();
        List<String> lines = Files.readAllLines(err.toPath(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        return new Result(p.exitValue(), lines);
    }

    private record Result(int exit, List<String> stderr) {
    }

    @Test
    void unknownConfKeyStopsStartUpWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("operator.json");
        Files.writeString(conf, "{\"AZURE_SYNC_PERIOD\": \"15m\", \"SYNC_PERIOD_TYPO\": \"1h\"}");
        Result r = run(dir, List.of("--conf", conf.toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).hasSize(1);
        assertThat(r.stderr().get(0)).startsWith("azure-operator: ").contains("unknown key 'SYNC_PERIOD_TYPO'");
    }

    @Test
    void badEnvironmentValueStopsStartUpWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Result r = run(dir, List.of(), "ARM_WRITE_LIMIT", "lots");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).hasSize(1);
        assertThat(r.stderr().get(0)).contains("ARM_WRITE_LIMIT").contains("environment variable");
    }

    @Test
    void missingSubscriptionStopsStartUpOutsideLocalMode(@TempDir Path dir) throws Exception {
        Result r = run(dir, List.of());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).hasSize(1);
        assertThat(r.stderr().get(0)).contains("AZURE_SUBSCRIPTION_ID");
    }

    /** --local with a sample it cannot apply stops with an error instead of hanging on Vert.x's threads. */
    @Test
    void localModeWithASampleItCannotApplyExitsWithAnError(@TempDir Path dir) throws Exception {
        Path samples = Files.createDirectories(dir.resolve("k8s").resolve("samples"));
        Files.writeString(samples.resolve("credential.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: aso-credential, namespace: default}
                stringData: {AZURE_SUBSCRIPTION_ID: 00000000-0000-0000-0000-000000000001}
                """);
        Result r = run(dir, List.of("--local"), "HTTP_PORT", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(String.join("\n", r.stderr())).contains("aso-credential");
    }
}
