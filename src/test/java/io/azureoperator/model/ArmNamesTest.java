package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArmNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"aso-sample-rg", "samplevnet", "my_rg.v1", "rg (1)", "Unicode-\u00e9t\u00e9", "a.b", "x"})
    void acceptsOrdinaryNames(String name) {
        assertThat(ArmNames.problem(name)).isEmpty();
    }

    @Test
    void acceptsLongestName() {
        assertThat(ArmNames.problem("a".repeat(260))).isEmpty();
        assertThat(ArmNames.problem("a".repeat(261))).contains("is longer than 260 characters");
    }

    @Test
    void explainsEachProblem() {
        assertThat(ArmNames.problem(null)).contains("is empty");
        assertThat(ArmNames.problem("")).contains("is empty");
        assertThat(ArmNames.problem("..")).contains("must not contain '..'");
        assertThat(ArmNames.problem("a/b")).contains("must not contain '/'");
        assertThat(ArmNames.problem("100%")).contains("must not contain '%'");
        assertThat(ArmNames.problem("a?b")).contains("must not contain '?'");
        assertThat(ArmNames.problem("a#b")).contains("must not contain '#'");
        assertThat(ArmNames.problem("tab\there")).contains("must not contain '\\u9'");
        assertThat(ArmNames.problem("name.")).contains("must not end with '.' or a space");
        assertThat(ArmNames.problem("name ")).contains("must not end with '.' or a space");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b", "a&b", "a<b", "a>b", "a*b", "a:b", "a|b", "a\"b", "a\u007fb", "a\nb"})
    void rejectsForbiddenCharacters(String name) {
        assertThat(ArmNames.problem(name)).isPresent();
    }
}
