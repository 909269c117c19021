package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

/** Per-type code for server-set fields that cannot be written as a plain default (see {@link ResourceProfiles}). */
interface TypeBehavior {

    TypeBehavior NONE = new TypeBehavior() {
    };

    /** Fills server-set fields into a body that is about to be stored. */
    default void onWrite(JsonObject body, WriteContext ctx) {
    }

    /** Called when a create or update finishes successfully (e.g. a public IP gets its address). */
    default void onSucceeded(JsonObject body, WriteContext ctx) {
    }

    /** Adds derived data to a response body (e.g. a virtual network lists its child subnets). */
    default void decorateView(JsonObject view, ArmId id, ResourceStore store) {
    }
}
