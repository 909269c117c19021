package io.azureoperator.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.azureoperator.arm.ArmClient;
import io.azureoperator.arm.TokenSource;
import io.azureoperator.budget.Budget;
import io.azureoperator.budget.Priority;
import io.azureoperator.budget.RequestClass;
import io.azureoperator.model.ArmId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ARM gate: a standby or stopping instance sends nothing and asks no budget; a lost lease closes it. */
@ExtendWith(VertxExtension.class)
class LeadershipTest {
    private static final ArmId RG = ArmId.parse("/subscriptions/s/resourceGroups/rg");

    private static Budget budget(List<RequestClass> asked, Future<Long> grant) {
        return new Budget() {
            @Override
            public Future<Long> acquire(String subscriptionId, RequestClass requestClass, Priority priority) {
                asked.add(requestClass);
                return grant;
            }

            @Override
            public void throttled(String subscriptionId, RequestClass requestClass, long retryAfterMillis) {
            }
        };
    }

    @Test
    void aStandbySendsNothingAndAsksNoBudget(Vertx vertx) {
        List<RequestClass> asked = new ArrayList<>();
        ArmClient arm = new ArmClient(WebClient.create(vertx), "http://127.0.0.1:1", TokenSource.fixed("t"),
                budget(asked, Future.succeededFuture(0L)), Leadership.elected("b"));
        Future<?> put = arm.put(RG, "2020-06-01", new JsonObject(), Priority.USER);
        assertThat(put.failed()).isTrue();
        assertThat(put.cause()).isInstanceOf(NotLeaderException.class).hasMessageContaining("not the leader");
        assertThat(asked).isEmpty();
        assertThat(arm.sentCounts().values()).allMatch(n -> n == 0);
    }

    @Test
    void aRequestGrantedAfterTheLeaseWasLostIsNotSent(Vertx vertx) {
        Leadership leadership = Leadership.elected("a");
        leadership.acquired();
        Promise<Long> grant = Promise.promise();
        List<RequestClass> asked = new ArrayList<>();
        ArmClient arm = new ArmClient(WebClient.create(vertx), "http://127.0.0.1:1", TokenSource.fixed("t"),
                budget(asked, grant.future()), leadership);
        Future<?> get = arm.get(RG, "2020-06-01", Priority.USER);
        assertThat(asked).hasSize(1);
        leadership.lost();
        grant.complete(0L);
        assertThat(get.failed()).isTrue();
        assertThat(get.cause()).isInstanceOf(NotLeaderException.class);
        assertThat(arm.sentCounts().values()).allMatch(n -> n == 0);
        assertThat(leadership.inFlight()).isZero();
    }

    @Test
    void stoppingIsFinalAndListenersHearOnlyRealChanges() {
        Leadership l = Leadership.elected("a");
        List<String> heard = new ArrayList<>();
        l.addListener(new Leadership.Listener() {
            @Override
            public void acquired() {
                heard.add("acquired");
            }

            @Override
            public void lost() {
                heard.add("lost");
            }
        });
        l.lost();
        l.acquired();
        l.acquired();
        l.lost();
        l.lost();
        l.acquired();
        l.stopping();
        l.lost();
        l.acquired();
        assertThat(heard).containsExactly("acquired", "lost", "acquired");
        assertThat(l.role()).isEqualTo(Leadership.Role.STOPPING);
        assertThat(l.refusal()).hasMessageContaining("shutting down");
        assertThat(Leadership.always("x").leading()).isTrue();
    }
}
