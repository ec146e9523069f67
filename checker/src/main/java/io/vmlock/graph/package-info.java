/**
 * The lock-order graph: a walk of every path of the lowered program (no interleaving) into
 * lockdep-style classes and dependencies, cycle search, declared orders and
 * export; and {@link io.vmlock.graph.SimpleCycles}, the generic cycle finder the explorer's
 * wait-for graph uses. The only package that imports JGraphT.
 *
 * <p>May import: ast, budget, ir.
 */
package io.vmlock.graph;
