package io.azureoperator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad option of {@code bench scale} is one line naming it, exit code 2, and nothing is started. */
class ScaleBenchmarkOptionsTest {

    private record Run(int code, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ScaleBenchmark.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneBurstIsRefusedBecauseTheFirstMeetsAColdJit() {
        Run r = run("--bursts", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).startsWith("--bursts needs a whole number of at least 2, not 1; usage: bench scale")
                .hasLineCount(1);
    }

    @Test
    void aNumberThatIsNotOneNamesItsOption() {
        assertThat(run("--resources", "1000,ten").output())
                .startsWith("--resources needs a whole number of at least 1, not ten;");
        assertThat(run("--applies", "x").output()).startsWith("--applies needs a whole number");
        assertThat(run("--concurrency", "0").output())
                .startsWith("--concurrency needs a whole number of at least 1, not 0;");
    }

    @Test
    void aMissingValueOrUnknownOptionIsOneLine() {
        Run missing = run("--bursts");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.output()).startsWith("--bursts needs a value;").hasLineCount(1);
        Run unknown = run("--resources", "1000", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.output()).startsWith("unknown option --frobnicate;").hasLineCount(1);
        assertThat(run("--first-minute", "soon").output()).startsWith("'soon' is not a duration");
    }
}
