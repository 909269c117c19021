package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void doublesFromBaseUpToCap() {
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofSeconds(160));
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.failures("k")).isEqualTo(7);
    }

    @Test
    void staysAtCapAfterManyFailures() {
        for (int i = 0; i < 200; i++) {
            backoff.nextDelay("k");
        }
        assertThat(backoff.nextDelay("k")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void resetStartsOverAndKeysAreIndependent() {
        backoff.nextDelay("a");
        backoff.nextDelay("a");
        assertThat(backoff.nextDelay("b")).isEqualTo(Duration.ofSeconds(5));
        backoff.reset("a");
        assertThat(backoff.failures("a")).isZero();
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.failures("b")).isEqualTo(1);
    }

    @Test
    void baseAboveCapIsCapped() {
        Backoff b = new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(1));
        assertThat(b.nextDelay("k")).isEqualTo(Duration.ofMinutes(1));
    }
}
