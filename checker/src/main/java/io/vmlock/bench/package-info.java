/**
 * Benchmarks, not tests: generated lock-order models and the timing of the graph pass on them.
 *
 * <p>May import: budget, explore, findings, frontend, graph, ir, lockorder, pipeline, solve, symbolic.
 */
package io.vmlock.bench;
