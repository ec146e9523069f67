/**
 * Constraint problems over the lock-order graph, with choco-solver: whether a cycle can really
 * close (and why not, stage by stage), the minimum fix set, and a synthesized lock hierarchy.
 * The only package that imports choco-solver.
 *
 * <p>May import: ast, budget, graph.
 */
package io.vmlock.solve;
