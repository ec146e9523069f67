/**
 * Export of a scenario as a Promela model with the same state graph, written from the compiled
 * transition system ({@code explore.system}), or the diagnostics saying what cannot be exported.
 *
 * <p>May import: ast, diag, explore, ir.
 */
package io.vmlock.promela;
