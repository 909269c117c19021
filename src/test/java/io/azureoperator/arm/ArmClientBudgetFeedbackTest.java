package io.azureoperator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.budget.BudgetStats;
import io.azureoperator.budget.BudgetVerticle;
import io.azureoperator.budget.Priority;
import io.azureoperator.budget.RequestClass;
import io.azureoperator.config.ConfigLoader;
import io.azureoperator.emulator.ArmEmulator;
import io.azureoperator.model.ArmId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ArmClient against the emulator's rate limiter, with the real budget: what ARM says about its own budget (a 429
 * with Retry-After, the remaining-headers) reaches the budget and changes when requests go.
 */
@ExtendWith(VertxExtension.class)
class ArmClientBudgetFeedbackTest {
    private static final String SUB = "00000000-0000-4000-8000-0000000feed5";
    private static final String RG_API = "2020-06-01";

    private ArmEmulator emulator;
    private BudgetVerticle budget;
    private WebClient web;
    private ArmClient arm;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        emulator = new ArmEmulator(vertx);
        emulator.start(0).await(10, TimeUnit.SECONDS);
        // the budget allows far more than the emulator: only ARM's answers can hold requests back (and the pacing
        // of writes, at 100/1s, spaces them by milliseconds only)
        budget = new BudgetVerticle(ConfigLoader.load(Path.of("does-not-exist.json"), false, Map.of(
                "ARM_WRITE_LIMIT", "100/1s", "ARM_READ_LIMIT", "20/2s", "ARM_DELETE_LIMIT", "100/1h")));
        vertx.deployVerticle(budget).await(10, TimeUnit.SECONDS);
        web = WebClient.create(vertx);
        arm = new ArmClient(web, emulator.baseUrl(), TokenSource.fixed("t"), budget.budget());
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        emulator.stop().await(10, TimeUnit.SECONDS);
    }

    private static ArmId rg(String name) {
        return ArmId.parse("/subscriptions/" + SUB + "/resourceGroups/" + name);
    }

    private BudgetStats stats(RequestClass c) throws Exception {
        return budget.stats().await(5, TimeUnit.SECONDS).stream().filter(s -> s.requestClass() == c).findFirst()
                .orElseThrow();
    }

    @Test
    void a429WithRetryAfterPausesThatClassOnly() throws Exception {
        emulator.setLimits(1, 100, 100, Duration.ofHours(1));
        JsonObject body = new JsonObject().put("location", "westus");
        assertThat(arm.put(rg("a"), RG_API, body, Priority.USER).await(5, TimeUnit.SECONDS).ok()).isTrue();
        ArmResponse throttled = arm.put(rg("b"), RG_API, body, Priority.USER).await(5, TimeUnit.SECONDS);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isPresent();

        BudgetStats writes = stats(RequestClass.WRITE);
        assertThat(writes.throttled()).isEqualTo(1);
        assertThat(writes.pausedForMillis()).as("paused for ARM's Retry-After (about the window)")
                .isGreaterThan(Duration.ofMinutes(59).toMillis());
        Future<ArmResponse> held = arm.put(rg("c"), RG_API, body, Priority.USER);
        Thread.sleep(300);
        assertThat(held.isComplete()).as("a write waits for the pause").isFalse();
        assertThat(emulator.count("PUT", "/subscriptions/" + SUB)).isEqualTo(2);
        assertThat(arm.get(rg("a"), RG_API, Priority.USER).await(5, TimeUnit.SECONDS).ok())
                .as("reads still go").isTrue();
    }

    @Test
    void aLowRemainingHeaderSpacesGrantsOut() throws Exception {
        // ARM allows 12 reads; below 10 remaining the budget spaces reads by its own refill interval (2s / 20)
        emulator.setLimits(100, 12, 100, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            arm.get(rg("missing"), RG_API, Priority.USER).await(5, TimeUnit.SECONDS);
        }
        BudgetStats reads = stats(RequestClass.READ);
        assertThat(reads.armRemaining()).isEqualTo(9);
        assertThat(reads.paceIntervalMillis()).isEqualTo(100);

        long start = System.nanoTime();
        List<Future<ArmResponse>> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(arm.get(rg("missing"), RG_API, Priority.USER));
        }
        Future.all(four).await(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("4 reads, at least 100 ms apart")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(four).allSatisfy(f -> assertThat(f.result().status()).isEqualTo(404));
    }

    @Test
    void aCredentialThatGivesNoTokenSpendsNoBudget() throws Exception {
        ArmClient broken = arm.with(() -> Future.failedFuture(new IllegalStateException("no token")), "k");
        Future<ArmResponse> sent = broken.put(rg("a"), RG_API, new JsonObject().put("location", "westus"),
                Priority.USER);
        assertThat(sent.transform(ar -> Future.succeededFuture(ar.failed())).await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.stats().await(5, TimeUnit.SECONDS)).as("nothing granted")
                .allSatisfy(s -> assertThat(s.granted()).isZero());
        assertThat(emulator.requests()).isEmpty();
    }
}
