package io.azureoperator.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer-token checks: any token by default, or an exact token per subscription. */
final class AuthPolicy {

    private final Map<String, String> requiredTokens = new ConcurrentHashMap<>();

    /** Requires {@code token} for the subscription; null removes the requirement. */
    void require(String subscription, String token) {
        String key = subscription.toLowerCase(Locale.ROOT);
        if (token == null) {
            requiredTokens.remove(key);
        } else {
            requiredTokens.put(key, token);
        }
    }

    void check(String subscription, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw new ArmError(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing or not a Bearer token.");
        }
        String required = subscription == null ? null : requiredTokens.get(subscription.toLowerCase(Locale.ROOT));
        if (required != null && !required.equals(authorization.substring(7).trim())) {
            throw new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
    }
}
