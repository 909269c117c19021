package io.azureoperator.kinds;

/**
 * What resolving part of a resource against the others gave (its ARM ID from the owner chain, its references):
 * the value, or why it cannot be known yet ({@link Waiting}: the operator waits for that resource) or at all
 * ({@link Invalid}: the spec must change).
 */
public sealed interface Resolution<T> {

    record Resolved<T>(T value) implements Resolution<T> {
    }

    /** @param dependency the resource waited on, as {@code Kind.group/namespace/name} */
    record Waiting<T>(String dependency, String message) implements Resolution<T> {
    }

    record Invalid<T>(String message) implements Resolution<T> {
    }
}
