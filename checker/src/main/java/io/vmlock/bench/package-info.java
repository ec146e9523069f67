/**
 * Benchmarks, not tests: generated lock-order models and the timing of the graph pass on them.
 *
 * <p>May import: budget, frontend, graph, ir, lockorder, pipeline, solve.
 */
package io.vmlock.bench;
