package io.azureoperator.lead;

/**
 * An ARM request refused because this instance does not hold the leader lease (standby, lease lost, or
 * shutting down). Nothing was sent; the leader does the work.
 */
public final class NotLeaderException extends IllegalStateException {
    public NotLeaderException(String message) {
        super(message);
    }
}
