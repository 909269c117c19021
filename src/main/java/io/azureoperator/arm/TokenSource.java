package io.azureoperator.arm;

import io.vertx.core.Future;

/** Supplies bearer tokens for ARM requests. Implementations never block the calling event loop. */
public interface TokenSource {

    /** A valid access token (without the "Bearer " prefix). */
    Future<String> token();

    /** A fixed token, for the ARM emulator and tests. */
    static TokenSource fixed(String token) {
        return () -> Future.succeededFuture(token);
    }
}
