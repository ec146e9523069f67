/**
 * The picocli commands ({@code check}, {@code test}, {@code graph}, {@code order}, {@code export},
 * {@code parse}, {@code diff}, {@code import}) and their options; the only package that imports picocli and the
 * only place that calls {@code System.exit}. Nothing imports it.
 *
 * <p>May import: ast, budget, diag, explore, findings, frontend, graph, importer, ir, lockorder, lsp,
 * pipeline, promela, report, sema, verdict.
 */
package io.vmlock.cli;
