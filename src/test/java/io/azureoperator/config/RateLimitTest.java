package io.azureoperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    @Test
    void parses() {
        assertThat(RateLimit.parse("1200/1h")).isEqualTo(new RateLimit(1200, Duration.ofHours(1)));
        assertThat(RateLimit.parse(" 5 / 30s ")).isEqualTo(new RateLimit(5, Duration.ofSeconds(30)));
        assertThat(RateLimit.parse("1/1h30m")).isEqualTo(new RateLimit(1, Duration.ofMinutes(90)));
    }

    @Test
    void printsInTheSameForm() {
        assertThat(RateLimit.parse("12000/1h")).hasToString("12000/1h");
        assertThat(RateLimit.parse("3/90s")).hasToString("3/1m30s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1200", "/1h", "1200/", "0/1h", "-1/1h", "a/1h", "1/2/3", "1.5/1h", "10/0s",
            "10/1", "99999999999/1h"})
    void rejects(String text) {
        assertThatThrownBy(() -> RateLimit.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> RateLimit.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
