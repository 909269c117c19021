package io.azureoperator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.config.ConfigLoader;
import io.azureoperator.config.OperatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BudgetVerticleTest {
    private static final String SUB = "00000000-0000-4000-8000-00000000b0d9";

    private static OperatorConfig config() {
        return ConfigLoader.load(Path.of("does-not-exist.json"), false, Map.of(
                "ARM_WRITE_LIMIT", "3/1500ms", "ARM_READ_LIMIT", "100/1h", "ARM_DELETE_LIMIT", "100/1h",
                "AZURE_SYNC_PERIOD", "1h"));
    }

    @Test
    void aRestartedVerticleWaitsOutWhatItsPredecessorSpent(Vertx vertx) throws Exception {
        InMemorySpentLedger ledger = new InMemorySpentLedger();
        BudgetVerticle first = new BudgetVerticle(config(), ledger);
        String id = vertx.deployVerticle(first).await(5, TimeUnit.SECONDS);
        long start = System.currentTimeMillis();
        List<Future<Long>> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            grants.add(first.budget().acquire(SUB, RequestClass.WRITE, Priority.USER, "ResourceGroup/default"));
        }
        Future.all(grants).await(5, TimeUnit.SECONDS);
        assertThat(ledger.stored(SUB)).isNotEmpty();
        first.budget().acquire(SUB, RequestClass.WRITE, Priority.USER); // waits; dies with the process
        assertThat(first.stats().await(5, TimeUnit.SECONDS)).anySatisfy(s -> {
            assertThat(s.requestClass()).isEqualTo(RequestClass.WRITE);
            assertThat(s.granted()).isEqualTo(3);
            assertThat(s.tokensLeft()).isZero();
            assertThat(s.waiting()).isEqualTo(1);
        });
        assertThat(first.waiting()).isEqualTo(1);
        vertx.undeploy(id).await(5, TimeUnit.SECONDS);

        BudgetVerticle second = new BudgetVerticle(config(), ledger);
        vertx.deployVerticle(second).await(5, TimeUnit.SECONDS);
        second.budget().acquire(SUB, RequestClass.WRITE, Priority.USER).await(10, TimeUnit.SECONDS);
        long granted = System.currentTimeMillis();
        assertThat(granted - start).as("the 4th write waits a whole window after the first three")
                .isGreaterThanOrEqualTo(1_500);
        // reads are not held back by writes
        long before = System.currentTimeMillis();
        second.budget().acquire(SUB, RequestClass.READ, Priority.SYNC, "VirtualNetwork/a").await(5, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis() - before).isLessThan(1_000);
    }

    private static BudgetVerticle deployed(Vertx vertx, OperatorConfig config) throws Exception {
        BudgetVerticle verticle = new BudgetVerticle(config);
        vertx.deployVerticle(verticle).await(5, TimeUnit.SECONDS);
        return verticle;
    }

    @Test
    void feedbackAndStatsThroughTheFrontDoor(Vertx vertx) throws Exception {
        BudgetVerticle verticle = deployed(vertx, config());
        Budget budget = verticle.budget();
        budget.acquire(SUB, RequestClass.READ, Priority.USER).await(5, TimeUnit.SECONDS);
        budget.observed(SUB, RequestClass.READ, 3);
        budget.throttled(SUB, RequestClass.DELETE, 60_000);
        List<BudgetStats> stats = verticle.stats().await(5, TimeUnit.SECONDS);
        BudgetStats reads = stats.stream().filter(s -> s.requestClass() == RequestClass.READ).findFirst().orElseThrow();
        assertThat(reads.armRemaining()).isEqualTo(3);
        // few left at ARM: one read per refill of the budget (1h / 100)
        assertThat(reads.paceIntervalMillis()).isEqualTo(Duration.ofHours(1).toMillis() / 100);
        BudgetStats deletes = stats.stream().filter(s -> s.requestClass() == RequestClass.DELETE).findFirst()
                .orElseThrow();
        assertThat(deletes.throttled()).isEqualTo(1);
        assertThat(deletes.pausedForMillis()).isBetween(50_000L, 60_000L);
        Thread.sleep(1_200);
        assertThat(verticle.lastStats()).hasSize(3);
    }

    /**
     * A standby loads the ledger when it starts, while the leader may still grant under its reservation; taking the
     * lease reads the ledger again, so the leader's later grants are not counted as if made at the standby's start.
     */
    @Test
    void aNewTermCountsWhatTheLeaderGrantedAfterTheStandbyLoaded(Vertx vertx) throws Exception {
        InMemorySpentLedger ledger = new InMemorySpentLedger();
        OperatorConfig config = ConfigLoader.load(Path.of("does-not-exist.json"), false, Map.of(
                "ARM_WRITE_LIMIT", "4/2s", "AZURE_SUBSCRIPTION_ID", SUB));
        LedgerPolicy wholeLimit = new LedgerPolicy(100, 60_000, 2_000); // one reservation covers all 4 grants
        BudgetVerticle leader = new BudgetVerticle(config, ledger, BudgetClock.system(), wholeLimit);
        String leaderId = vertx.deployVerticle(leader).await(5, TimeUnit.SECONDS);
        leader.budget().acquire(SUB, RequestClass.WRITE, Priority.USER).await(5, TimeUnit.SECONDS);
        BudgetVerticle standby = new BudgetVerticle(config, ledger, BudgetClock.system(), wholeLimit);
        vertx.deployVerticle(standby).await(5, TimeUnit.SECONDS); // reads the leader's reservation now
        Thread.sleep(600);
        List<Future<Long>> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(leader.budget().acquire(SUB, RequestClass.WRITE, Priority.USER));
        }
        Future.all(later).await(5, TimeUnit.SECONDS);
        long lastOfTheLeader = later.stream().mapToLong(Future::result).max().orElseThrow();
        vertx.undeploy(leaderId).await(5, TimeUnit.SECONDS);

        standby.newTerm().await(5, TimeUnit.SECONDS);
        long first = standby.budget().acquire(SUB, RequestClass.WRITE, Priority.USER).await(10, TimeUnit.SECONDS);
        assertThat(first - lastOfTheLeader).as("the new leader's first write waits a window after the old one's last")
                .isGreaterThanOrEqualTo(2_000);
    }

    /** Once the gate closed, a request that reaches the budget later is refused too, until a new term. */
    @Test
    void afterTheGateClosedLaterRequestsAreRefusedUntilANewTerm(Vertx vertx) throws Exception {
        BudgetVerticle verticle = deployed(vertx, config());
        Budget budget = verticle.budget();
        IllegalStateException gone = new IllegalStateException("the operator is shutting down");
        assertThat(verticle.refuseWaiting(gone).await(5, TimeUnit.SECONDS)).isZero();
        Future<Long> late = budget.acquire(SUB, RequestClass.READ, Priority.USER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> late.await(5, TimeUnit.SECONDS)).isSameAs(gone);
        assertThat(verticle.waiting()).isZero();
        verticle.newTerm().await(5, TimeUnit.SECONDS);
        budget.acquire(SUB, RequestClass.READ, Priority.USER).await(5, TimeUnit.SECONDS);
    }

    @Test
    void oneSubscriptionHasOneBudgetHoweverItsIdIsSpelled(Vertx vertx) throws Exception {
        Budget budget = deployed(vertx, config()).budget(); // 3 writes per 1.5 s
        String upper = SUB.toUpperCase(java.util.Locale.ROOT);
        Future.all(budget.acquire(upper, RequestClass.WRITE, Priority.USER),
                budget.acquire(SUB, RequestClass.WRITE, Priority.USER),
                budget.acquire(upper, RequestClass.WRITE, Priority.USER)).await(5, TimeUnit.SECONDS);
        Future<Long> fourth = budget.acquire(SUB, RequestClass.WRITE, Priority.USER);
        Thread.sleep(500);
        assertThat(fourth.isComplete()).as("the fourth write in the window waits, whichever spelling").isFalse();
    }

    @Test
    void aReportedAnswerCountsBeforeTheNextGrant(Vertx vertx) throws Exception {
        Budget budget = deployed(vertx, ConfigLoader.load(Path.of("does-not-exist.json"), false,
                Map.of("ARM_WRITE_LIMIT", "1/500ms"))).budget();
        long grantedAt = budget.acquire(SUB, RequestClass.WRITE, Priority.USER).await(5, TimeUnit.SECONDS);
        long start = System.currentTimeMillis();
        Thread.sleep(200);
        budget.answered(SUB, RequestClass.WRITE, grantedAt); // ARM may have received it only now
        budget.acquire(SUB, RequestClass.WRITE, Priority.USER).await(5, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis() - start)
                .as("the next write waits a whole window after the answer, not after the grant")
                .isGreaterThanOrEqualTo(650);
    }

    @Test
    void aReportThatRelaxesPacingLetsAWaitingRequestGoAtOnce(Vertx vertx) throws Exception {
        Budget budget = deployed(vertx, config()).budget();
        budget.acquire(SUB, RequestClass.READ, Priority.USER).await(5, TimeUnit.SECONDS);
        budget.observed(SUB, RequestClass.READ, 3); // few left at ARM: the next read 36 s after this one
        Future<Long> paced = budget.acquire(SUB, RequestClass.READ, Priority.USER);
        Thread.sleep(300);
        assertThat(paced.isComplete()).as("held back by ARM's low remaining count").isFalse();
        long relaxed = System.currentTimeMillis();
        budget.observed(SUB, RequestClass.READ, 11_000);
        paced.await(5, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis() - relaxed).isLessThan(1_000);
    }
}
