package io.azureoperator.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind's queue of resources to reconcile. Per resource: at most one run; what arrives during a run makes
 * it dirty (one re-run, however many events). Per kind: at most {@code maxInFlight} runs. Changes go first, and
 * periodic syncs may hold at most half of the slots: a sync waits for its share of the ARM budget while it
 * holds a slot, so without the cap thousands of due syncs would keep a user's change from starting.
 * Plain Java; used from one verticle's context.
 */
public final class WorkQueue {

    /** A run to start now. */
    public record Start(String key, Trigger trigger) {
    }

    private final int maxInFlight;
    private final int maxSyncsInFlight;
    /** Keys being reconciled, and whether something arrived meanwhile (dirty). */
    private final Map<String, Boolean> running = new HashMap<>();
    private final Map<String, Trigger> runningTrigger = new HashMap<>();
    private final LinkedHashSet<String> changes = new LinkedHashSet<>();
    private final LinkedHashSet<String> syncs = new LinkedHashSet<>();
    /** Per running key: the versions its watch events brought, and the versions the run itself wrote. */
    private final Map<String, Set<String>> eventVersions = new HashMap<>();
    private final Map<String, Set<String>> ownVersions = new HashMap<>();
    /** Running keys that gave their slot back (they only have writes to Kubernetes left). */
    private final Set<String> yielded = new HashSet<>();
    /** Running changes that have not yet handed their PUT to ARM, nor ended ({@link #changesAhead}). */
    private final Set<String> changesUnsent = new HashSet<>();
    private int syncsRunning;

    public WorkQueue(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.maxInFlight = maxInFlight;
        this.maxSyncsInFlight = Math.max(1, maxInFlight / 2);
    }

    /** A resource needs a visit; a change supersedes a queued sync of the same resource. */
    public void offer(String key, Trigger trigger) {
        offer(key, trigger, null);
    }

    /**
     * A watch event brought {@code version} of the resource (null: a visit for another reason). During a run, a
     * version the run wrote itself does not make it run again ({@link #wrote}).
     */
    public void offer(String key, Trigger trigger, String version) {
        if (running.containsKey(key)) {
            if (version == null) {
                running.put(key, true);
            } else {
                eventVersions.computeIfAbsent(key, k -> new HashSet<>()).add(version);
            }
            return;
        }
        if (trigger == Trigger.CHANGE) {
            syncs.remove(key);
            changes.add(key);
        } else if (!changes.contains(key)) {
            syncs.add(key);
        }
    }

    /** The runs that may start now (they count as running until {@link #finished}). */
    public List<Start> startable() {
        List<Start> starts = new ArrayList<>();
        take(changes, Trigger.CHANGE, starts);
        take(syncs, Trigger.PERIODIC_SYNC, starts);
        return starts;
    }

    private void take(LinkedHashSet<String> lane, Trigger trigger, List<Start> starts) {
        Iterator<String> it = lane.iterator();
        while (it.hasNext() && running.size() - yielded.size() < maxInFlight
                && (trigger == Trigger.CHANGE || syncsRunning < maxSyncsInFlight)) {
            String key = it.next();
            it.remove();
            running.put(key, false);
            runningTrigger.put(key, trigger);
            if (trigger == Trigger.PERIODIC_SYNC) {
                syncsRunning++;
            } else {
                changesUnsent.add(key);
            }
            starts.add(new Start(key, trigger));
        }
    }

    /**
     * A running resource gives its slot to the next one while it finishes (it stays running: nothing else of it
     * starts until {@link #finished}).
     */
    public void yieldSlot(String key) {
        changesUnsent.remove(key);
        if (running.containsKey(key) && yielded.add(key) && runningTrigger.get(key) == Trigger.PERIODIC_SYNC) {
            syncsRunning--;
        }
    }

    /** The running resource has handed its PUT to ARM: what it has left is waiting and writing its status. */
    public void sent(String key) {
        changesUnsent.remove(key);
    }

    /**
     * Whether changes are still on their way to their PUT: queued, or running without having handed their PUT to
     * ARM (a run that ends without a PUT stops counting when it ends). Periodic syncs do not count.
     */
    public boolean changesAhead() {
        return !changes.isEmpty() || !changesUnsent.isEmpty();
    }

    /** The running resource's own write produced {@code version}. */
    public void wrote(String key, String version) {
        if (running.containsKey(key)) {
            ownVersions.computeIfAbsent(key, k -> new HashSet<>()).add(version);
        }
    }

    /**
     * A run ended; returns whether something arrived during it (the resource must run again): a visit, or a
     * version the run did not write.
     */
    public boolean finished(String key) {
        Set<String> seen = eventVersions.remove(key);
        Set<String> own = ownVersions.remove(key);
        boolean foreign = seen != null && (own == null || !own.containsAll(seen));
        Boolean dirty = running.remove(key);
        changesUnsent.remove(key);
        if (runningTrigger.remove(key) == Trigger.PERIODIC_SYNC && !yielded.contains(key)) {
            syncsRunning--;
        }
        yielded.remove(key);
        return Boolean.TRUE.equals(dirty) || foreign;
    }

    /** Resources queued or running. */
    public int depth() {
        return changes.size() + syncs.size() + running.size();
    }
}
