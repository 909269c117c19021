package io.azureoperator.emulator;

/** How a resource provider answers DELETE. */
enum DeleteStyle {
    /** 200 when deleted, 204 when it did not exist (storage, managed identities). */
    SYNC,
    /** 202 with {@code Azure-AsyncOperation} and {@code Location} headers (network). */
    AZURE_ASYNC_OPERATION,
    /** 202 with a {@code Location} polled until 200; 404 when missing (resource groups). */
    LOCATION
}
