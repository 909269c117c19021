package io.azureoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DependencyChangesTest {

    @Test
    void aRunSeesTheChangesOfItsDependencyMadeWhileItRan() {
        DependencyChanges changes = new DependencyChanges();
        changes.changed("ns/owner"); // before any run: a run starting later reads it itself
        changes.runStarted("ns/a");
        changes.runStarted("ns/b");
        changes.changed("ns/owner");
        assertThat(changes.runEnded("ns/a", "ns/owner")).isTrue();
        assertThat(changes.runEnded("ns/b", "ns/other")).isFalse();
        assertThat(changes.remembered()).as("no run in flight, nothing kept").isZero();
    }

    @Test
    void aChangeBeforeTheRunStartedDoesNotCount() {
        DependencyChanges changes = new DependencyChanges();
        changes.runStarted("ns/a");
        changes.changed("ns/owner");
        changes.runStarted("ns/b");
        assertThat(changes.runEnded("ns/b", "ns/owner")).isFalse();
        assertThat(changes.runEnded("ns/a", "ns/owner")).isTrue();
        assertThat(changes.runEnded("ns/c", null)).as("a run that waits for nothing").isFalse();
    }

    @Test
    void whatNoRunInFlightCanNeedIsForgotten() {
        DependencyChanges changes = new DependencyChanges();
        changes.runStarted("ns/long");
        for (int i = 0; i < 100_000; i++) {
            changes.runStarted("ns/r" + i);
            changes.runEnded("ns/long", null);
            changes.runStarted("ns/long");
            changes.changed("ns/d" + i);
            changes.runEnded("ns/r" + i, null);
        }
        assertThat(changes.remembered()).isLessThan(5_000);
        changes.changed("ns/owner");
        assertThat(changes.runEnded("ns/long", "ns/owner")).isTrue();
    }
}
