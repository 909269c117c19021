package io.azureoperator.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class AzureIdentityTokenSourceTest {

    private static final String SCOPE = "https://management.azure.com/.default";
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private MutableClock clock;
    private FakeCredential credential;
    private WorkerExecutor worker;
    private AzureIdentityTokenSource source;

    @BeforeEach
    void setUp(Vertx vertx) {
        clock = new MutableClock(T0);
        credential = new FakeCredential(clock);
        worker = vertx.createSharedWorkerExecutor("azure-identity", 2);
        source = new AzureIdentityTokenSource(vertx, credential, SCOPE, worker, clock);
    }

    @AfterEach
    void tearDown() {
        worker.close();
    }

    @Test
    void fetchesOnceThenServesFromCache(Vertx vertx, VertxTestContext ctx) {
        credential.lifetime = Duration.ofHours(1);
        source.token()
                .compose(t1 -> {
                    clock.advance(Duration.ofMinutes(54));
                    return source.token().map(t2 -> List.of(t1, t2));
                })
                .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
                    assertThat(tokens).containsExactly("token-1", "token-1");
                    assertThat(credential.calls).hasValue(1);
                    assertThat(credential.scopes).containsOnly(List.of(SCOPE));
                    ctx.completeNow();
                })));
    }

    @Test
    void refreshesFiveMinutesBeforeExpiry(VertxTestContext ctx) {
        credential.lifetime = Duration.ofHours(1);
        source.token()
                .compose(t1 -> {
                    clock.advance(Duration.ofMinutes(55).minusSeconds(1)); // 5m01s before expiry: cached
                    return source.token();
                })
                .compose(t2 -> {
                    assertThat(t2).isEqualTo("token-1");
                    clock.advance(Duration.ofSeconds(1)); // exactly 5 min before expiry: refresh
                    return source.token();
                })
                .compose(t3 -> {
                    assertThat(t3).isEqualTo("token-2");
                    clock.advance(Duration.ofMinutes(10)); // new token cached from the new fetch time
                    return source.token();
                })
                .onComplete(ctx.succeeding(t4 -> ctx.verify(() -> {
                    assertThat(t4).isEqualTo("token-2");
                    assertThat(credential.calls).hasValue(2);
                    ctx.completeNow();
                })));
    }

    @Test
    void shortLivedTokenIsRefreshedAtHalfItsLifetime(VertxTestContext ctx) {
        credential.lifetime = Duration.ofMinutes(4); // margin would be 5 min > lifetime: use half (2 min)
        source.token()
                .compose(t1 -> {
                    clock.advance(Duration.ofSeconds(119));
                    return source.token();
                })
                .compose(t2 -> {
                    assertThat(t2).isEqualTo("token-1");
                    clock.advance(Duration.ofSeconds(1));
                    return source.token();
                })
                .onComplete(ctx.succeeding(t3 -> ctx.verify(() -> {
                    assertThat(t3).isEqualTo("token-2");
                    assertThat(credential.calls).hasValue(2);
                    ctx.completeNow();
                })));
    }

    @Test
    void alreadyExpiredTokenIsNotCached(VertxTestContext ctx) {
        credential.lifetime = Duration.ofSeconds(-1);
        source.token()
                .compose(t1 -> source.token())
                .onComplete(ctx.succeeding(t2 -> ctx.verify(() -> {
                    assertThat(t2).isEqualTo("token-2");
                    assertThat(credential.calls).hasValue(2);
                    ctx.completeNow();
                })));
    }

    @Test
    void concurrentCallersShareOneInFlightFetch(Vertx vertx, VertxTestContext ctx) throws Exception {
        credential.lifetime = Duration.ofHours(1);
        credential.gate = new CountDownLatch(1);
        Context a = vertx.getOrCreateContext();
        Context b = vertx.getOrCreateContext();
        List<Future<String>> futures = new CopyOnWriteArrayList<>();
        List<String> completedOn = new CopyOnWriteArrayList<>();
        CountDownLatch issued = new CountDownLatch(6);
        for (Context c : List.of(a, a, a, b, b, b)) {
            c.runOnContext(v -> {
                Context expected = Vertx.currentContext();
                futures.add(source.token().andThen(ar -> completedOn.add(
                        Vertx.currentContext() == expected ? "own-context" : "other-context")));
                issued.countDown();
            });
        }
        assertThat(issued.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(credential.entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(futures).hasSize(6).allMatch(f -> !f.isComplete());
        credential.gate.countDown();

        Future.all(new ArrayList<>(futures)).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            assertThat(all.<String>list()).containsOnly("token-1").hasSize(6);
            assertThat(credential.calls).hasValue(1);
            assertThat(completedOn).hasSize(6).containsOnly("own-context");
            ctx.completeNow();
        })));
    }

    @Test
    void runsCredentialOffTheEventLoopOnTheNamedWorker(Vertx vertx, VertxTestContext ctx) {
        credential.lifetime = Duration.ofHours(1);
        vertx.runOnContext(v -> {
            String callerThread = Thread.currentThread().getName();
            source.token().onComplete(ctx.succeeding(t -> ctx.verify(() -> {
                assertThat(callerThread).startsWith("vert.x-eventloop-thread");
                assertThat(credential.threads).hasSize(1);
                String credentialThread = credential.threads.get(0);
                assertThat(credentialThread)
                        .doesNotStartWith("vert.x-eventloop")
                        .startsWith("azure-identity");
                ctx.completeNow();
            })));
        });
    }

    @Test
    void worksFromANonVertxThread(VertxTestContext ctx) {
        credential.lifetime = Duration.ofHours(1);
        source.token().onComplete(ctx.succeeding(t -> ctx.verify(() -> {
            assertThat(t).isEqualTo("token-1");
            assertThat(credential.threads.get(0)).startsWith("azure-identity");
            ctx.completeNow();
        })));
    }

    @Test
    void failureIsPropagatedWithAClearMessageAndNotCached(VertxTestContext ctx) {
        credential.lifetime = Duration.ofHours(1);
        credential.failNext = new IllegalStateException("AADSTS7000215: Invalid client secret provided.");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        source.token()
                .recover(err -> {
                    failure.set(err);
                    return source.token();
                })
                .onComplete(ctx.succeeding(t -> ctx.verify(() -> {
                    Throwable err = failure.get();
                    assertThat(err)
                            .isInstanceOf(AzureIdentityTokenSource.TokenAcquisitionException.class)
                            .hasMessageContaining("Failed to acquire Azure access token for scope " + SCOPE)
                            .hasMessageContaining("AADSTS7000215")
                            .hasMessageNotContaining("token-")
                            .hasCauseInstanceOf(IllegalStateException.class);
                    assertThat(t).isEqualTo("token-2"); // second attempt fetched again
                    assertThat(credential.calls).hasValue(2);
                    ctx.completeNow();
                })));
    }

    @Test
    void nullTokenIsAFailure(VertxTestContext ctx) {
        credential.returnNull = true;
        source.token().onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertThat(err).isInstanceOf(AzureIdentityTokenSource.TokenAcquisitionException.class)
                    .hasMessageContaining("returned no token");
            ctx.completeNow();
        })));
    }

    @Test
    void refreshAtArithmetic() {
        assertThat(AzureIdentityTokenSource.refreshAt(T0, T0.plus(Duration.ofHours(1))))
                .isEqualTo(T0.plus(Duration.ofMinutes(55)));
        assertThat(AzureIdentityTokenSource.refreshAt(T0, T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(AzureIdentityTokenSource.refreshAt(T0, T0.plus(Duration.ofMinutes(6))))
                .isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(AzureIdentityTokenSource.refreshAt(T0, T0.minusSeconds(5))).isEqualTo(T0);
    }

    /** Counts calls, records the calling thread, returns "token-N" expiring {@code lifetime} after the clock. */
    static final class FakeCredential implements TokenCredential {
        final MutableClock clock;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<List<String>> scopes = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile Duration lifetime = Duration.ofHours(1);
        volatile CountDownLatch gate;
        volatile RuntimeException failNext;
        volatile boolean returnNull;

        FakeCredential(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromCallable(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            int n = calls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            scopes.add(List.copyOf(request.getScopes()));
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    if (!g.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate not released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            RuntimeException f = failNext;
            if (f != null) {
                failNext = null;
                throw f;
            }
            if (returnNull) {
                return null;
            }
            return new AccessToken("token-" + n, clock.instant().plus(lifetime).atOffset(ZoneOffset.UTC));
        }
    }
}
