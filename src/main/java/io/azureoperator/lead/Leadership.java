package io.azureoperator.lead;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this instance may act on Azure: the one gate every ARM request passes (see
 * {@link io.azureoperator.arm.ArmClient}). Without leader election an instance leads from the start.
 * State changes take effect at once, from any thread: a lost lease closes the gate before anything else
 * happens. Also counts the ARM requests on the wire, so a graceful stop can wait for them.
 */
public final class Leadership {
    public enum Role { LEADING, STANDBY, STOPPING }

    /** Told about involuntary changes (lease acquired, lease lost); a voluntary release is not "lost". */
    public interface Listener {
        default void acquired() {
        }

        default void lost() {
        }
    }

    private final String identity;
    private volatile Role role;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private Leadership(String identity, Role role) {
        this.identity = identity;
        this.role = role;
    }

    /** Leading from the start: no leader election. */
    public static Leadership always(String identity) {
        return new Leadership(identity, Role.LEADING);
    }

    /** Standby until {@link #acquired()} (leader election). */
    public static Leadership elected(String identity) {
        return new Leadership(identity, Role.STANDBY);
    }

    public String identity() {
        return identity;
    }

    public Role role() {
        return role;
    }

    public boolean leading() {
        return role == Role.LEADING;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The lease is ours: the gate opens. Ignored once stopping. */
    public synchronized void acquired() {
        if (role != Role.STANDBY) {
            return;
        }
        role = Role.LEADING;
        listeners.forEach(Listener::acquired);
    }

    /** The lease is gone (taken, expired, not renewed in time): the gate closes at once. */
    public synchronized void lost() {
        if (role != Role.LEADING) {
            return;
        }
        role = Role.STANDBY;
        listeners.forEach(Listener::lost);
    }

    /** Shutting down: no new ARM request from now on (those on the wire finish). Final. */
    public synchronized void stopping() {
        role = Role.STOPPING;
    }

    /** Null when an ARM request may go out now, else why not. */
    public NotLeaderException refusal() {
        return switch (role) {
            case LEADING -> null;
            case STANDBY -> new NotLeaderException("not the leader (" + identity
                    + " is on standby); the leader sends ARM requests");
            case STOPPING -> new NotLeaderException("the operator is shutting down; not sending ARM requests");
        };
    }

    /**
     * Runs {@code request} (which puts one ARM request on the wire) if the gate is open, counting it while
     * it is in flight; fails with {@link NotLeaderException} without running it otherwise.
     */
    public <T> Future<T> admit(java.util.function.Supplier<Future<T>> request) {
        NotLeaderException refused = refusal();
        if (refused != null) {
            return Future.failedFuture(refused);
        }
        inFlight.incrementAndGet();
        Future<T> f;
        try {
            f = request.get();
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        return f.andThen(ar -> inFlight.decrementAndGet());
    }

    /** ARM requests on the wire now. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public String toString() {
        return identity + " " + role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
