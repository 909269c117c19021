package io.azureoperator.lead;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's {@link LeaderElector} on a coordination.k8s.io Lease, driving a {@link Leadership}. The elector's
 * Lease calls block, so it runs on a blocking executor (never the client's callback executor, which may run tasks on
 * an event loop); its callbacks only flip the (thread-safe) Leadership, and whoever needs the Vert.x side listens
 * there. A fabric8 elector ends once leadership is lost; this class then stands again as a
 * candidate (standby) until {@link #stop()}.
 */
public final class LeaderElection {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final ElectionSettings settings;
    private final Leadership leadership;
    private final Executor blocking;
    private LeaderElector elector;
    private CompletableFuture<?> running;
    private boolean stopped;

    /** {@code blocking}: where fabric8's elector runs its Lease reads and writes, which block. */
    public LeaderElection(KubernetesClient client, ElectionSettings settings, Leadership leadership,
                          Executor blocking) {
        this.client = client;
        this.blocking = blocking;
        this.settings = settings;
        this.leadership = leadership;
    }

    /** Starts competing for the lease (returns at once). */
    public synchronized void start() {
        if (stopped || running != null) {
            return;
        }
        LOG.info("leader election: {} competing for lease {}/{} (lease {}, renew deadline {}, retry {})",
                settings.identity(), settings.namespace(), settings.leaseName(), settings.leaseDuration(),
                settings.renewDeadline(), settings.retryPeriod());
        elector = new LeaderElectorBuilder(client, blocking).withConfig(new LeaderElectionConfigBuilder()
                .withName("azure-operator")
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading,
                        this::newLeader))
                .build()).build();
        CompletableFuture<?> f = elector.start();
        running = f;
        f.whenComplete((v, t) -> ended(f, t));
    }

    private void startedLeading() {
        LOG.info("leader election: {} acquired lease {}/{}; leading", settings.identity(), settings.namespace(),
                settings.leaseName());
        leadership.acquired();
    }

    private void stoppedLeading() {
        if (leadership.leading()) {
            LOG.warn("leader election: {} lost lease {}/{}; ARM requests stopped", settings.identity(),
                    settings.namespace(), settings.leaseName());
        }
        leadership.lost();
    }

    private void newLeader(String holder) {
        LOG.info("leader election: lease {}/{} now held by {}", settings.namespace(), settings.leaseName(),
                holder == null || holder.isEmpty() ? "nobody" : holder);
        if (!Objects.equals(holder, settings.identity())) {
            leadership.lost(); // someone else holds it: close the gate before anything else
        }
    }

    /** One elector ended (leadership lost, or cancelled): stand again unless stopping. */
    private void ended(CompletableFuture<?> f, Throwable t) {
        leadership.lost();
        synchronized (this) {
            if (running != f) {
                return;
            }
            running = null;
            if (stopped) {
                return;
            }
            if (t != null) {
                LOG.warn("leader election ended with an error; standing again: {}", t.toString());
            }
        }
        start();
    }

    /**
     * Stops competing and, if leading, releases the lease so a standby takes over at its next try instead
     * of waiting for the lease to expire. Blocks on the Kubernetes API: call it off the event loop.
     */
    public void stop() {
        CompletableFuture<?> f;
        LeaderElector e;
        synchronized (this) {
            stopped = true;
            f = running;
            e = elector;
            running = null;
        }
        if (f != null) {
            f.cancel(true); // releaseOnCancel: fabric8 releases the lease here when we hold it
        }
        if (e != null) {
            try {
                e.release(); // no-op unless we still hold it
            } catch (RuntimeException ex) {
                LOG.warn("leader election: releasing lease {}/{} failed: {}", settings.namespace(),
                        settings.leaseName(), ex.toString());
            }
        }
        LOG.info("leader election: {} stopped", settings.identity());
    }
}
