/**
 * Azure resource types as data: a {@link io.azureoperator.kinds.KindDescriptor} per kind, loaded from
 * {@code src/main/resources/kinds/*.yaml}, and what is derived from it in plain Java: CRDs, ARM bodies from specs,
 * ARM IDs from owner chains, references, exports and spec validation.
 */
package io.azureoperator.kinds;
