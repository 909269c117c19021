/**
 * An in-memory Azure Resource Manager (ARM) emulator for the operator's {@code --local} mode and for tests.
 *
 * <p>{@link io.azureoperator.emulator.ArmEmulator} is the public entry point: it serves ARM's REST surface on
 * 127.0.0.1 and exposes knobs (fault injection, throttling, held long-running operations, latency, auth) plus a
 * request log and direct store access. Everything behind the HTTP edge ({@code ArmHttpEdge}) is plain Java:
 * {@code ArmPath} parses request paths, {@code ResourceProfiles} describes each supported ARM type as data,
 * {@code ResourceStore} keeps resources keyed by lower-cased ARM ID, {@code OperationRegistry} tracks
 * long-running operations, and {@code ArmService} implements ARM's semantics on top of them.
 *
 * <p>Response shapes, status codes and error codes follow the recordings in {@code shared/arm-fixtures}.
 */
package io.azureoperator.emulator;
