package io.azureoperator.emulator;

import io.vertx.core.json.JsonObject;

import java.util.Random;

/**
 * What a {@link TypeBehavior} may use when it fills in server-set fields.
 *
 * @param id       the resource
 * @param idString the resource ID as this resource provider spells it
 * @param etag     the new etag of this write (network types), or null
 * @param previous the stored body before this write, or null on create
 * @param tenantId the emulator's tenant
 * @param random   the emulator's seeded random source
 */
record WriteContext(ArmId id, String idString, String etag, JsonObject previous, String tenantId, Random random) {

    boolean isCreate() {
        return previous == null;
    }
}
