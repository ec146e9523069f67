/**
 * Benchmarks, not tests: generated lock-order models and the timing of the graph pass on them.
 *
 * <p>May import: frontend, graph, ir, lockorder, pipeline, solve. (It still imports cli for
 * {@code Compilation}, the one known exception {@code LayeringTest} lists, until that moves to
 * the pipeline package.)
 */
package io.vmlock.bench;
