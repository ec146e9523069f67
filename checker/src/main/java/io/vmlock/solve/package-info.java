/**
 * Constraint problems over the lock-order graph, with choco-solver: whether a cycle can really
 * close (and why not, stage by stage), and the minimum fix set. No total order is synthesized:
 * one would order locks that no path relates.
 * The only package that imports choco-solver.
 *
 * <p>May import: ast, budget, graph.
 */
package io.vmlock.solve;
