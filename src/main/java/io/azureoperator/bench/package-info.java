/**
 * Benchmarks run as commands, never as tests: {@code bench} (the budget and drift detection against a
 * time-scaled ARM budget, in-process) and {@code bench scale} (the operator in its own JVM against the in-memory
 * API server and the emulator, for memory, start-up, throughput and latency at up to 30,000 resources).
 */
package io.azureoperator.bench;
