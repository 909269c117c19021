package io.azureoperator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmConnectionsTest {

    @Test
    void oneConnectionPerReconcileInFlightWithinBounds() {
        assertThat(Operator.armConnections(16, 7)).as("the defaults: 16 per kind, 7 kinds").isEqualTo(112);
        assertThat(Operator.armConnections(1, 1)).as("never below Vert.x's default").isEqualTo(5);
        assertThat(Operator.armConnections(1_000, 7)).isEqualTo(Operator.MAX_ARM_CONNECTIONS);
        assertThat(Operator.armConnections(Integer.MAX_VALUE, 7)).isEqualTo(Operator.MAX_ARM_CONNECTIONS);
    }
}
