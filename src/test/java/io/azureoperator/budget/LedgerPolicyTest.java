package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerPolicyTest {

    @Test
    void aChunkIsItsShareOfTheLimitEvenForHugeLimits() {
        assertThat(LedgerPolicy.DEFAULT.chunk(new RateLimit(1_200, Duration.ofHours(1)))).isEqualTo(60);
        assertThat(LedgerPolicy.DEFAULT.chunk(new RateLimit(3, Duration.ofHours(1)))).isOne();
        assertThat(LedgerPolicy.DEFAULT.chunk(new RateLimit(500_000_000, Duration.ofHours(1))))
                .as("no int overflow").isEqualTo(25_000_000);
    }
}
