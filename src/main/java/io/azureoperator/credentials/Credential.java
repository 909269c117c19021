package io.azureoperator.credentials;

import io.azureoperator.arm.TokenSource;

/**
 * A credential a resource is reconciled with: its subscription (which also selects the budget) and tokens.
 *
 * @param source where it came from, for logs and conditions ("global", "secret ns/name"); never the secret
 */
public record Credential(String source, String subscriptionId, TokenSource tokens) {

    @Override
    public String toString() {
        return source + " (subscription " + subscriptionId + ")";
    }
}
