package io.azureoperator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.budget.RequestClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which remaining-header values reach the budget (headers as ArmResponse keeps them: lower case). */
class ArmClientRemainingTest {
    private static ArmResponse answer(Map<String, String> headers) {
        return new ArmResponse(200, headers, null);
    }

    @Test
    void todaysGlobalHeaderCounts() {
        // as recorded in 2025 (Test_Storage_StorageAccount_20230101_SecretsFromAzure.yaml): only the global form
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-global-writes", "11999")),
                RequestClass.WRITE)).hasValue(11999);
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-global-reads", "7")),
                RequestClass.READ)).hasValue(7);
    }

    @Test
    void theOlderFormCountsAndTheLowerOfBothWins() {
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-deletes", "14999")),
                RequestClass.DELETE)).hasValue(14999);
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-writes", "3",
                "x-ms-ratelimit-remaining-subscription-global-writes", "11999")), RequestClass.WRITE)).hasValue(3);
    }

    @Test
    void anotherClassOrAValueThatIsNotACountIsIgnored() {
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-global-reads", "5")),
                RequestClass.WRITE)).isEmpty();
        assertThat(ArmClient.remaining(answer(Map.of("x-ms-ratelimit-remaining-subscription-global-writes", "-1",
                "x-ms-ratelimit-remaining-subscription-writes", "lots")), RequestClass.WRITE)).isEmpty();
    }
}
