package io.azureoperator.emulator;

/** How a resource provider answers PUT. */
enum PutStyle {
    /** 201 on create, 200 on update, final body at once (resource groups). */
    SYNC,
    /**
     * As {@link #SYNC}, and a create's 201 carries {@code Location}: the resource's own path, relative, nothing to
     * poll (managed identities, as recorded).
     */
    SYNC_WITH_OWN_LOCATION,
    /** 201/200 with {@code provisioningState: Updating} and an {@code Azure-AsyncOperation} header (network). */
    AZURE_ASYNC_OPERATION,
    /** Create: 202 with an empty body and a {@code Location} to poll; update: 200 with the body (storage). */
    LOCATION_ON_CREATE
}
