/**
 * The lock-order pass and what builds on it: graph, cycles and their feasibility, declared
 * orders, the graph pass before the search (targeted searches of a cycle's threads, matching
 * cycles to the findings that close them), and {@code vmlock order}'s fix sets and hierarchy.
 *
 * <p>May import: budget, explore, findings, graph, ir, solve, verdict.
 */
package io.vmlock.lockorder;
