package io.azureoperator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import org.junit.jupiter.api.Test;

class OwnWritesTest {

    private static GenericKubernetesResource at(String version) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withNamespace("ns").withName("r")
                .withResourceVersion(version).endMetadata().build();
    }

    @Test
    void aCachedCopyThatWeReplacedGivesWayToOurNewestWrite() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        writes.record(at("2"), at("3"));
        assertThat(writes.freshest(at("1")).getMetadata().getResourceVersion()).isEqualTo("3");
        assertThat(writes.freshest(at("2")).getMetadata().getResourceVersion()).isEqualTo("3");
    }

    @Test
    void theCacheWinsOnceItCaughtUpOrSomeoneElseChangedTheResource() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        assertThat(writes.freshest(at("2")).getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(writes.seen(at("2"))).as("the handler is told of our write after the run read it").isTrue();
        assertThat(writes.size()).isZero();

        writes.record(at("2"), at("3"));
        assertThat(writes.freshest(at("7")).getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(writes.freshest(at("2")).getMetadata().getResourceVersion()).isEqualTo("2");
    }

    @Test
    void aWriteThatDeletedTheObjectHidesTheStaleCachedCopies() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        writes.record(at("2"), null);
        assertThat(writes.freshest(at("1"))).as("gone").isNull();
        assertThat(writes.freshest(at("2"))).as("gone").isNull();
    }

    @Test
    void theCopyIsLetGoOnceTheInformerDeliversANewerVersionNotOnlyOnTheNextReconcile() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        assertThat(writes.seen(at("1"))).as("the user's version").isFalse();
        assertThat(writes.size()).as("the cache still holds a version we replaced").isOne();
        assertThat(writes.seen(at("2"))).as("our write").isTrue();
        assertThat(writes.size()).as("the cache caught up").isZero();
        assertThat(writes.seen(at("2"))).as("forgotten once caught up").isFalse();
    }

    @Test
    void everyVersionOurWritesProducedIsOursEvenOneAlreadyReplaced() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        writes.record(at("2"), at("3"));
        assertThat(writes.seen(at("2"))).as("the claim's event after the status write's answer").isTrue();
        assertThat(writes.size()).isOne();
        assertThat(writes.seen(at("4"))).as("someone else's change").isFalse();
        assertThat(writes.size()).isZero();
    }

    @Test
    void ourWriteStaysOursUntilTheHandlerIsToldEvenWhenTheCacheHadItFirst() {
        // fabric8 updates the cache before it tells the handler: the write's answer, then a new run, read it
        OwnWrites writes = new OwnWrites();
        writes.writing(key());
        writes.record(at("1"), at("2"));
        writes.cacheHolds(at("2"));
        assertThat(writes.freshest(at("2")).getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(writes.seen(at("2"))).as("the handler, told last, must not take it for someone's change").isTrue();
        assertThat(writes.size()).isZero();
    }

    @Test
    void aWriteWhoseWatchEventCameBeforeItsAnswerLeavesNothingBehind() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        writes.writing(key());
        assertThat(writes.seen(at("2"))).isTrue();
        assertThat(writes.seen(at("3"))).as("told before the answer: not known as ours yet").isFalse();
        writes.record(at("2"), at("3"));
        writes.cacheHolds(at("3"));
        assertThat(writes.size()).as("the handler already heard of it: nothing to keep").isZero();
        assertThat(writes.freshest(at("3")).getMetadata().getResourceVersion()).isEqualTo("3");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        OwnWrites writes = new OwnWrites();
        writes.writing(key());
        writes.seen(at("2"));
        writes.notWritten(key());
        assertThat(writes.size()).isZero();
    }

    @Test
    void someoneElsesVersionInTheCacheEndsTheRecord() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));
        writes.cacheHolds(at("5"));
        assertThat(writes.size()).isZero();
        assertThat(writes.seen(at("2"))).as("a late event of ours: a re-run is due anyway for version 5").isFalse();
    }

    private static ResourceKey key() {
        return ResourceKey.of(at("0"));
    }

    @Test
    void aWriteOnANewerCopyFetchedAfterAConflictStillReplacesOurEarlierVersion() {
        OwnWrites writes = new OwnWrites();
        writes.record(at("1"), at("2"));  // the claim
        writes.record(at("3"), at("4"));  // the token, written again on the user's version 3 after a 409
        writes.cacheHolds(at("2"));       // the informer lags
        assertThat(writes.seen(at("2"))).as("our claim's event").isTrue();
        assertThat(writes.freshest(at("3")).getMetadata().getResourceVersion())
                .as("the user's version was replaced by our token write").isEqualTo("4");
        assertThat(writes.freshest(at("2")).getMetadata().getResourceVersion()).isEqualTo("4");
    }
}
