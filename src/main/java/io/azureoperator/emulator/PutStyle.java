package io.azureoperator.emulator;

/** How a resource provider answers PUT. */
enum PutStyle {
    /** 201 on create, 200 on update, final body at once (resource groups, managed identities). */
    SYNC,
    /** 201/200 with {@code provisioningState: Updating} and an {@code Azure-AsyncOperation} header (network). */
    AZURE_ASYNC_OPERATION,
    /** Create: 202 with an empty body and a {@code Location} to poll; update: 200 with the body (storage). */
    LOCATION_ON_CREATE
}
