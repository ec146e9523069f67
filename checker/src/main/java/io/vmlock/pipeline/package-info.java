/**
 * The check pipeline: parse, semantic check, lower, the lock-order graph pass, the interleaving
 * search, findings. {@link io.vmlock.pipeline.Pipeline} is the one entry point the command line,
 * the benchmarks and the tests share, so the phases are glued together in one place.
 *
 * <p>Owns: {@link io.vmlock.pipeline.Compilation} (a file's diagnostics and checked program),
 * {@link io.vmlock.pipeline.CheckOptions}, the graph-first check (graph pass, search, targeted
 * searches that confirm the cycles it found), the lock-order graph summary the reports show, and
 * the comparison of a result with a scenario's expect clauses.
 *
 * <p>May import: {@code budget}, {@code frontend}, {@code ast}, {@code sema}, {@code ir}, {@code graph},
 * {@code solve}, {@code explore}, {@code lockorder}, {@code findings}, {@code report},
 * {@code diag}, {@code verdict}. Imported by {@code cli} and {@code bench} only; nothing below it
 * imports it. It prints nothing and never exits: diagnostics and findings come back as values.
 */
package io.vmlock.pipeline;
