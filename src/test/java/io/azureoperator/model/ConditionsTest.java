package io.azureoperator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final String T0 = "2024-01-01T00:00:00Z";
    private static final String T1 = "2024-01-01T00:05:00Z";

    @Test
    void readyTrueIsSucceededWithoutSeverity() {
        Condition c = ReadyState.succeeded().toCondition(3, null, T0);
        assertThat(c.type()).isEqualTo("Ready");
        assertThat(c.status()).isEqualTo("True");
        assertThat(c.isTrue()).isTrue();
        assertThat(c.reason()).isEqualTo("Succeeded");
        assertThat(c.observedGeneration()).isEqualTo(3);
        assertThat(c.lastTransitionTime()).isEqualTo(T0);
        assertThat(c.toJson()).isEqualTo(new JsonObject().put("type", "Ready").put("status", "True")
                .put("reason", "Succeeded").put("observedGeneration", 3L).put("lastTransitionTime", T0));
    }

    @Test
    void errorStateCarriesSeverityReasonAndMessage() {
        Condition c = ReadyState.error("InvalidParameter", "bad location").toCondition(2, null, T0);
        JsonObject j = c.toJson();
        assertThat(j.getString("status")).isEqualTo("False");
        assertThat(j.getString("severity")).isEqualTo("Error");
        assertThat(j.getString("reason")).isEqualTo("InvalidParameter");
        assertThat(j.getString("message")).isEqualTo("bad location");
        assertThat(ReadyState.warning("AzureResourceNotFound", "gone").toCondition(1, null, T0).toJson()
                .getString("severity")).isEqualTo("Warning");
        assertThat(ReadyState.reconciling("creating").toCondition(1, null, T0).toJson()
                .getString("severity")).isEqualTo("Info");
    }

    @Test
    void transitionTimeKeptWhileStatusUnchanged() {
        Condition first = ReadyState.reconciling("creating").toCondition(1, null, T0);
        Condition second = ReadyState.error("InvalidParameter", "x").toCondition(2, first, T1);
        assertThat(second.status()).isEqualTo("False");
        assertThat(second.lastTransitionTime()).isEqualTo(T0);
        assertThat(second.reason()).isEqualTo("InvalidParameter");
        assertThat(second.observedGeneration()).isEqualTo(2);
    }

    @Test
    void transitionTimeChangesWhenStatusFlips() {
        Condition notReady = ReadyState.reconciling("creating").toCondition(1, null, T0);
        Condition ready = ReadyState.succeeded().toCondition(1, notReady, T1);
        assertThat(ready.lastTransitionTime()).isEqualTo(T1);
        Condition back = ReadyState.deleting("deleting").toCondition(1, ready, "2024-01-01T00:09:00Z");
        assertThat(back.lastTransitionTime()).isEqualTo("2024-01-01T00:09:00Z");
    }

    @Test
    void previousWithoutTransitionTimeTakesNow() {
        Condition prev = new Condition("Ready", "True", Condition.Severity.None, "Succeeded", "", 1, null);
        assertThat(ReadyState.succeeded().toCondition(1, prev, T1).lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void jsonRoundTrip() {
        Condition c = ReadyState.warning("ReferenceNotFound", "nsg missing").toCondition(7, null, T0);
        assertThat(Condition.fromJson(c.toJson())).isEqualTo(c);
        Condition ok = ReadyState.succeeded().toCondition(7, null, T0);
        Condition back = Condition.fromJson(ok.toJson());
        assertThat(back.sameAs(ok)).isTrue();
        assertThat(back.lastTransitionTime()).isEqualTo(T0);
        assertThat(back.severity()).isEqualTo(Condition.Severity.None);
    }

    @Test
    void fromJsonToleratesUnknownSeverityAndMissingFields() {
        Condition c = Condition.fromJson(new JsonObject().put("type", "Ready").put("status", "False")
                .put("severity", "Critical").put("reason", "X"));
        assertThat(c.severity()).isEqualTo(Condition.Severity.None);
        assertThat(c.observedGeneration()).isZero();
        assertThat(c.lastTransitionTime()).isNull();
    }

    @Test
    void sameAsIgnoresTransitionTimeOnly() {
        Condition a = ReadyState.reconciling("m").toCondition(1, null, T0);
        Condition b = ReadyState.reconciling("m").toCondition(1, null, T1);
        assertThat(a.sameAs(b)).isTrue();
        assertThat(a.sameAs(ReadyState.reconciling("other").toCondition(1, null, T0))).isFalse();
        assertThat(a.sameAs(ReadyState.reconciling("m").toCondition(2, null, T0))).isFalse();
        assertThat(a.sameAs(ReadyState.deleting("m").toCondition(1, null, T0))).isFalse();
        assertThat(a.sameAs(null)).isFalse();
        // empty and missing message mean the same
        Condition ok = ReadyState.succeeded().toCondition(1, null, T0);
        assertThat(ok.sameAs(Condition.fromJson(ok.toJson()))).isTrue();
    }

    @Test
    void sameAsDoesNotThrowOnAConditionWrittenWithoutReason() {
        // a Ready condition written by another controller or by hand may lack reason (CRD requires type+status)
        Condition foreign = Condition.fromJson(new JsonObject().put("type", "Ready").put("status", "True"));
        Condition ours = ReadyState.succeeded().toCondition(0, foreign, T0);
        assertThat(foreign.sameAs(ours)).isFalse();
        assertThat(ours.sameAs(foreign)).isFalse();
    }

    @Test
    void findReadsTheConditionOfAType() {
        JsonArray conditions = new JsonArray()
                .add(new JsonObject().put("type", "Other").put("status", "True").put("reason", "R"))
                .add(ReadyState.error("Failed", "boom").toCondition(4, null, T0).toJson());
        assertThat(Conditions.find(conditions, "Ready")).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo("Failed");
            assertThat(c.severity()).isEqualTo(Condition.Severity.Error);
            assertThat(c.observedGeneration()).isEqualTo(4);
        });
        assertThat(Conditions.find(conditions, "Missing")).isEmpty();
        assertThat(Conditions.find(null, "Ready")).isEmpty();
    }

    @Test
    void replaceKeepsOtherTypesAndPosition() {
        JsonObject other = new JsonObject().put("type", "Other").put("status", "True").put("reason", "R");
        JsonObject after = new JsonObject().put("type", "Later").put("status", "False").put("reason", "L");
        JsonArray conditions = new JsonArray().add(other)
                .add(ReadyState.reconciling("x").toCondition(1, null, T0).toJson()).add(after);
        Condition ready = ReadyState.succeeded().toCondition(1, null, T1);

        JsonArray out = Conditions.replace(conditions, ready);

        assertThat(out).hasSize(3);
        assertThat(out.getJsonObject(0)).isEqualTo(other);
        assertThat(out.getJsonObject(1)).isEqualTo(ready.toJson());
        assertThat(out.getJsonObject(2)).isEqualTo(after);
        assertThat(conditions.getJsonObject(1).getString("status")).as("input untouched").isEqualTo("False");
    }

    @Test
    void replaceAppendsWhenAbsentAndCollapsesDuplicates() {
        Condition ready = ReadyState.succeeded().toCondition(1, null, T1);
        assertThat(Conditions.replace(null, ready)).containsExactly(ready.toJson());
        JsonArray dup = new JsonArray()
                .add(new JsonObject().put("type", "Ready").put("status", "False").put("reason", "A"))
                .add(new JsonObject().put("type", "Ready").put("status", "False").put("reason", "B"));
        assertThat(Conditions.replace(dup, ready)).containsExactly(ready.toJson());
    }
}
