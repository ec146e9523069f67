/**
 * Symbolic reachability (a spike): the states of a compiled scenario as list decision diagrams,
 * relations learned from its guarded commands on the fly. Measures whether decision diagrams
 * finish scenarios the explicit search cannot; not wired into {@code vmlock check}.
 *
 * <p>May import: explore.
 */
package io.vmlock.symbolic;
