package io.azureoperator.config;

/** A configuration problem, with a one-line message naming the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
